import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { destinationRefusal } from "@/lib/limits/destination";
import { listOutbox } from "@/lib/messaging/outbox";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { REFUSED_NUMBERS } from "@/test/support/refused-numbers";
import { recordExact } from "./figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Toll fraud: a signup with a toll-free, personal or VoIP number used to be called instead of
// texted. Every such number (and premium-rate, shared-cost, UAN, pager, voicemail) is refused on
// both channels, and nothing reaches it.

const SECTION = "toll-fraud destinations";

describe("numbers that must never receive a code", () => {
  it("refuses every one at signup with a 4xx and sends nothing, by text or call", async () => {
    const statuses: number[] = [];
    for (const [i, { number }] of REFUSED_NUMBERS.entries()) {
      cookieJar.clear();
      const body = {
        email: `${randomUUID()}@example.com`,
        password: "correct horse battery",
        phone: number,
      };
      const ip = `198.51.100.${100 + i}`;
      statuses.push(
        (await signup(jsonRequest("/api/signup", body, { ip }))).status,
      );
    }
    const refused = statuses.filter((s) => s >= 400 && s < 500).length;
    const channelsRefused = REFUSED_NUMBERS.flatMap(({ number }) =>
      (["sms", "voice"] as const).map((c) => destinationRefusal(number, c)),
    ).filter((r) => r === "NUMBER_NOT_ALLOWED").length;
    const messages = REFUSED_NUMBERS.reduce(
      (n, { number }) => n + listOutbox(number).length,
      0,
    );
    const total = REFUSED_NUMBERS.length;
    recordExact(
      SECTION,
      "signups with toll-free, personal, VoIP … numbers refused (4xx)",
      `${refused} of ${total}`,
      `${total} of ${total}`,
    );
    recordExact(
      SECTION,
      "number × channel (sms, voice) refused",
      `${channelsRefused} of ${total * 2}`,
      `${total * 2} of ${total * 2}`,
    );
    recordExact(SECTION, "texts and calls to them", messages, 0);
    expect(refused).toBe(total);
    expect(channelsRefused).toBe(total * 2);
    expect(messages).toBe(0);
  });
});
