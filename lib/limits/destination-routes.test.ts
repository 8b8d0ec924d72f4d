import { randomInt, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as signup } from "@/app/api/signup/route";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { REFUSED_NUMBERS } from "@/test/support/refused-numbers";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Before, only texts were restricted by number type: a toll-free, personal or VoIP number was
// simply called instead. Now no channel reaches them, on any route that sends a first code.

const PASSWORD = "correct horse battery";
const email = () => `${randomUUID()}@example.com`;
const ip = () => `198.51.100.${randomInt(256)}`;

beforeEach(() => cookieJar.clear());

describe("toll-fraud destinations at the API", () => {
  it.each(REFUSED_NUMBERS)(
    "refuses a signup with a $type number ($number): 422, no challenge, no text, no call",
    async ({ number }) => {
      const body = { email: email(), password: PASSWORD, phone: number };
      const res = await signup(jsonRequest("/api/signup", body, { ip: ip() }));
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
