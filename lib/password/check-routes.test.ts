import { randomInt, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { cookieJar, jsonRequest } from "@/test/support/next-request";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// A signup used to accept any 8 characters, "password123" included. Now a common or breached
// password, or one made of the site's or the person's own name, is refused before any code is
// sent and before any limit is spent.

const usNumber = () => `+1415555${String(randomInt(10_000)).padStart(4, "0")}`;

async function signUp(password: string, email = `${randomUUID()}@example.com`) {
  const phone = usNumber();
  const body = { email, password, phone };
  const res = await signup(jsonRequest("/api/signup", body));
  return { res, json: await res.json(), phone };
}

beforeEach(() => cookieJar.clear());

describe("new passwords at signup", () => {
  it("refuses password123 as too common: 400, a password field error, no challenge, no code", async () => {
    const { res, json, phone } = await signUp("password123");
    expect(res.status).toBe(400);
    expect(json.error).toMatchObject({
      code: "PASSWORD_TOO_COMMON",
      message: ERRORS.PASSWORD_TOO_COMMON.message,
      fields: { password: ERRORS.PASSWORD_TOO_COMMON.message },
    });
    expect(cookieJar.size).toBe(0);
    expect(listOutbox(phone)).toHaveLength(0);
  });

  it("refuses a password built from the product's name or the person's email name", async () => {
    const email = `grace.hopper.${randomInt(1e6)}@example.com`;
    for (const password of ["Twostep-2025!", `${email.split("@")[0]}!!`]) {
      const { res, json, phone } = await signUp(password, email);
      expect(res.status).toBe(400);
      expect(json.error.code).toBe("PASSWORD_CONTAINS_NAME");
      expect(listOutbox(phone)).toHaveLength(0);
    }
  });

  it("still accepts an uncommon passphrase and sends the code", async () => {
    const { res, phone } = await signUp("correct horse battery");
    expect(res.status).toBe(200);
    expect(listOutbox(phone)).toHaveLength(1);
  });
});
