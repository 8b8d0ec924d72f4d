import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { forgetProcessWide } from "@/lib/runtime/process-wide";
import { resetTables } from "@/test/support/db";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as send } from "./send/route";
import { GET as status } from "./status/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock("libphonenumber-js/max", async (importOriginal) =>
  (await import("@/test/support/phone-parses")).countingParses(
    await importOriginal(),
    parses,
  ),
);

// A challenge keeps its phone facts (what its number's digits say) from when it starts: its sends
// and the code page answer from them, so they never load or run the number metadata (a cold send's
// largest cost).

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  cookieJar.clear();
  await resetTables();
});
afterEach(() => vi.useRealTimers());

describe("a code step's phone facts", () => {
  it("is read when the step starts, never by its sends or the code page", async () => {
    const phone = randomMobile("+3361");
    const started = await signup(
      jsonRequest(
        "/api/signup",
        { email: "lin@example.com", password: "long enough pw", phone },
        { ip: "198.51.100.8" },
      ),
    );
    expect(started.status).toBe(200);
    expect(parses.count).toBeGreaterThan(0); // the sign-up read the number it was given
    forgetProcessWide("phone-facts"); // what this process remembers of numbers is gone
    parses.count = 0;

    const viewed = await (
      await status(new Request("http://localhost:3000/api/otp/status"))
    ).json();
    expect(viewed.challenge).toMatchObject({
      maskedPhone: `+33 ••• ${phone.slice(-4)}`,
      canText: true,
    });
    for (const channel of ["voice", "sms"] as const) {
      const sent = await send(
        jsonRequest("/api/otp/send", { channel }, { ip: "198.51.100.8" }),
      );
      expect(sent.status).toBe(200);
      // The resend cooldown (30 s) would refuse the second one: it is waited out.
      vi.setSystemTime(Date.now() + 31_000);
    }
    expect(parses.count).toBe(0);
  });
});
