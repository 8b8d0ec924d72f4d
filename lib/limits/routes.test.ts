import { randomInt, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as signup } from "@/app/api/signup/route";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { cookieJar, jsonRequest } from "@/test/support/next-request";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Lowered so the per-address and all-addresses caps are reached quickly; also proves the env
// override works. No resend cooldown, so a second call may follow the first at once. One trusted
// proxy hop, so the address a request names in X-Forwarded-For is the one counted.
vi.hoisted(() => {
  process.env.LIMIT_LOGINS_PER_IP_PER_15_MIN = "12";
  process.env.LIMIT_LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN = "20";
  process.env.RESEND_COOLDOWN_SECONDS = "0";
  process.env.TRUSTED_PROXY_HOPS = "1";
});

const usNumber = () => `+1415555${String(randomInt(10_000)).padStart(4, "0")}`;
const ukLandline = () =>
  `+44207183${String(randomInt(10_000)).padStart(4, "0")}`;
const anIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const email = () => `${randomUUID()}@example.com`;

async function signUp(phone: string, ip = anIp()) {
  cookieJar.clear();
  const body = { email: email(), password: "correct horse battery", phone };
  const res = await signup(jsonRequest("/api/signup", body, { ip }));
  return { res, json: await res.json() };
}

describe("abuse limits at the API", () => {
  beforeEach(() => cookieJar.clear());

  it("refuses the sixth code to one number within the hour, saying when to retry", async () => {
    const phone = usNumber();
    for (let i = 0; i < 5; i++)
      expect((await signUp(phone)).res.status).toBe(200);
    const { res, json } = await signUp(phone);
    expect(res.status).toBe(429);
    expect(json.error).toMatchObject({
      code: "PHONE_SEND_LIMIT",
      message: ERRORS.PHONE_SEND_LIMIT.message,
    });
    expect(json.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(json.error.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(res.headers.get("retry-after")).toBe(
      String(json.error.retryAfterSeconds),
    );
    expect(listOutbox(phone)).toHaveLength(5);
  });

  it("caps password attempts per account from one address without locking the account out from another", async () => {
    const body = { email: email(), password: "not the password" };
    const [attacker, owner] = [anIp(), anIp()];
    const from = (ip: string) => login(jsonRequest("/api/login", body, { ip }));
    for (let i = 0; i < 10; i++)
      expect((await from(attacker)).status).toBe(401);
    const res = await from(attacker);
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe("LOGIN_LIMITED");
    expect((await from(owner)).status).toBe(401);
  });

  it("caps password attempts per account across all addresses", async () => {
    const body = { email: email(), password: "not the password" };
    const from = (ip: string) => login(jsonRequest("/api/login", body, { ip }));
    for (let i = 0; i < 20; i++) expect((await from(anIp())).status).toBe(401);
    const res = await from(anIp());
    expect(res.status).toBe(429);
    expect((await res.json()).error).toMatchObject({
      code: "LOGIN_LIMITED",
      retryAfterSeconds: expect.any(Number),
    });
  });

  it("caps password attempts per address, across accounts", async () => {
    const ip = anIp();
    const attempt = () =>
      login(
        jsonRequest("/api/login", { email: email(), password: "x" }, { ip }),
      );
    for (let i = 0; i < 12; i++) expect((await attempt()).status).toBe(401);
    const res = await attempt();
    expect(res.status).toBe(429);
    expect((await res.json()).error).toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: expect.any(Number),
    });
  });

  it("refuses a number from a country not on the allowlist as a phone field error", async () => {
    const phone = "+8613812345678";
    const { res, json } = await signUp(phone);
    expect(res.status).toBe(422);
    expect(json.error).toMatchObject({
      code: "COUNTRY_NOT_ALLOWED",
      fields: { phone: ERRORS.COUNTRY_NOT_ALLOWED.message },
    });
    expect(cookieJar.size).toBe(0);
    expect(listOutbox(phone)).toHaveLength(0);
  });

  it("calls a landline with the first code, refuses it texts, and calls again on request", async () => {
    const phone = ukLandline();
    const { res, json } = await signUp(phone);
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ next: "/verify", channel: "voice" });
    expect(listOutbox(phone).map((e) => e.channel)).toEqual(["voice"]);
    const sms = await send(jsonRequest("/api/otp/send", { channel: "sms" }));
    expect(sms.status).toBe(422);
    expect((await sms.json()).error.code).toBe("SMS_NOT_SUPPORTED");
    const call = await send(jsonRequest("/api/otp/send", { channel: "voice" }));
    expect(await call.json()).toMatchObject({ ok: true });
    expect(listOutbox(phone).map((e) => e.channel)).toEqual(["voice", "voice"]);
  });
});
