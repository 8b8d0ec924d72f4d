import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as signup } from "@/app/api/signup/route";
import { ERRORS } from "@/lib/errors";
import { destinationRefusal } from "@/lib/limits/destination";
import { listOutbox } from "@/lib/messaging/outbox";
import { phoneFacts } from "@/lib/phone";
import { createTestAccount } from "@/test/support/accounts";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { REFUSED_NUMBERS } from "@/test/support/refused-numbers";
import { recordExact } from "@/test/security/figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Before, only texts were restricted by number type: a toll-free, personal or VoIP number was
// simply called instead. Now no channel reaches them, on any route that sends a first code. The
// security report (`npm run test:security`) prints the sign-ups refused and the messages sent.

const SECTION = "toll-fraud destinations";

const PASSWORD = "correct horse battery";
const email = () => `${randomUUID()}@example.com`;
const ip = () => `198.51.100.${randomInt(256)}`;

beforeEach(() => cookieJar.clear());

/** Each refused number's sign-up status, for the report. */
const signups = new Map<string, number>();
afterAll(() => {
  const total = REFUSED_NUMBERS.length;
  if (signups.size !== total) return;
  const refused = [...signups.values()].filter((s) => s >= 400 && s < 500);
  const channelsRefused = REFUSED_NUMBERS.flatMap(({ number }) =>
    (["sms", "voice"] as const).map((c) =>
      destinationRefusal(phoneFacts(number), c),
    ),
  ).filter((r) => r === "NUMBER_NOT_ALLOWED").length;
  recordExact(
    SECTION,
    "signups with toll-free, personal, VoIP … numbers refused (4xx)",
    `${refused.length} of ${total}`,
    `${total} of ${total}`,
  );
  recordExact(
    SECTION,
    "number × channel (sms, voice) refused",
    `${channelsRefused} of ${total * 2}`,
    `${total * 2} of ${total * 2}`,
  );
  recordExact(
    SECTION,
    "texts and calls to them",
    REFUSED_NUMBERS.reduce((n, { number }) => n + listOutbox(number).length, 0),
    0,
  );
});

describe("toll-fraud destinations at the API", () => {
  it.each(REFUSED_NUMBERS)(
    "refuses a signup with a $type number ($number): 422, no challenge, no text, no call",
    async ({ number }) => {
      const body = { email: email(), password: PASSWORD, phone: number };
      const res = await signup(jsonRequest("/api/signup", body, { ip: ip() }));
      signups.set(number, res.status);
      expect(res.status).toBe(422);
      expect((await res.json()).error).toMatchObject({
        code: "NUMBER_NOT_ALLOWED",
        fields: { phone: ERRORS.NUMBER_NOT_ALLOWED.message },
      });
      expect(cookieJar.size).toBe(0);
      expect(listOutbox(number)).toHaveLength(0);
    },
  );

  it("refuses to call or text an older account's toll-free phone at sign-in", async () => {
    const [address, phone] = [email(), "+448001234567"];
    await createTestAccount({ email: address, phone, password: PASSWORD });
    const body = { email: address, password: PASSWORD };
    const res = await login(jsonRequest("/api/login", body, { ip: ip() }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("NUMBER_NOT_ALLOWED");
    expect(listOutbox(phone)).toHaveLength(0);
  });
});
