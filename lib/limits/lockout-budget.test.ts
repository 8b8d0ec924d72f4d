import { randomInt, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { RESEND_COOLDOWN_SECONDS } from "@/lib/challenge/policy";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { cookieJar, jsonRequest } from "@/test/support/next-request";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Per-number, per-account and per-address caps raised (as the benchmark does) so only the
// lockout and the daily budgets are in play; the sign-ups' budget lowered to reach it quickly.
vi.hoisted(() => {
  process.env.LIMIT_SENDS_PER_PHONE_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_ACCOUNT_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_IP_PER_HOUR = "1000";
  process.env.LIMIT_LOGINS_PER_ACCOUNT_PER_15_MIN = "1000";
  process.env.LIMIT_LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN = "1000";
  process.env.LIMIT_LOGINS_PER_IP_PER_15_MIN = "1000";
  process.env.LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET = "10";
});

const usNumber = () => `+1415555${String(randomInt(10_000)).padStart(4, "0")}`;
const PASSWORD = "correct horse battery";

// Only Date is faked: the limiter reads the clock per call; each test starts on a day of its own.
beforeEach(() =>
  vi.useFakeTimers({
    toFake: ["Date"],
    now: Date.UTC(2032, 0, randomInt(1, 365)),
  }),
);
afterEach(() => vi.useRealTimers());
const advance = (seconds: number) =>
  vi.setSystemTime(Date.now() + seconds * 1000);

describe("account lockout and the daily budget at the API", () => {
  it("pauses an account's codes from its 10th wrong code in a row, across challenges and a resend, for 1, 5, 15, then 60 minutes", async () => {
    const [email, phone] = [`${randomUUID()}@example.com`, usNumber()];
    await createTestAccount({ email, phone, password: PASSWORD });
    const logIn = () => {
      cookieJar.clear();
      return login(jsonRequest("/api/login", { email, password: PASSWORD }));
    };
    const latestCode = () => listOutbox(phone)[0]!.text.match(/\d{6}/)![0];
    const wrongCode = () => (latestCode() === "000000" ? "111111" : "000000");
    const enter = (code: string) =>
      verify(jsonRequest("/api/otp/verify", { code }));
    const locked = (retryAfterSeconds: number, attemptsLeft?: number) => ({
      code: "ACCOUNT_LOCKED",
      message: ERRORS.ACCOUNT_LOCKED.message,
      final: false,
      retryAfterSeconds,
      ...(attemptsLeft !== undefined && { attemptsLeft }),
    });

    // Four wrong codes on each of two challenges: no lock yet.
    for (let challenge = 0; challenge < 2; challenge++) {
      expect((await logIn()).status).toBe(200);
      for (let left = 4; left > 0; left--) {
        const res = await enter(wrongCode());
        expect(res.status).toBe(400);
        expect((await res.json()).error).toMatchObject({
          code: "WRONG_CODE",
          attemptsLeft: left,
        });
      }
    }
    // A third challenge: one wrong code, a resend, one more: the 10th in a row.
    expect((await logIn()).status).toBe(200);
    expect((await enter(wrongCode())).status).toBe(400);
    advance(RESEND_COOLDOWN_SECONDS + 1);
    const resent = await send(jsonRequest("/api/otp/send", { channel: "sms" }));
    expect(resent.status).toBe(200);
    const right = latestCode();
    const tenth = await enter(wrongCode());
    expect(tenth.status).toBe(429);
    expect((await tenth.json()).error).toEqual(locked(60, 3));
    // Paused: the right code is refused too, and counts nothing.
    const refusedRight = await enter(right);
    expect(refusedRight.status).toBe(429);
    expect((await refusedRight.json()).error).toEqual(locked(60, 3));

    const ladder = [1, 5, 15, 60, 60, 60];
    for (let i = 0; i < ladder.length - 1; i++) {
      const minutes = ladder[i]!;
      const sent = listOutbox(phone).length;
      const paused = await logIn();
      expect(paused.status).toBe(429);
      expect((await paused.json()).error).toEqual(locked(minutes * 60));
      advance(minutes * 60 - 1);
      expect((await logIn()).status).toBe(429);
      expect(listOutbox(phone)).toHaveLength(sent);
      advance(1);
      // The pause is over: a code goes out, and one more wrong code pauses for the next step.
      expect((await logIn()).status).toBe(200);
      const res = await enter(wrongCode());
      expect(res.status).toBe(429);
      expect((await res.json()).error).toMatchObject(
        locked(ladder[i + 1]! * 60),
      );
    }

    // The right code, once the pause is over, resets the count: the next wrong code is just wrong.
    advance(60 * 60);
    expect((await logIn()).status).toBe(200);
    expect((await enter(latestCode())).status).toBe(200);
    expect((await logIn()).status).toBe(200);
    expect((await (await enter(wrongCode())).json()).error).toMatchObject({
      code: "WRONG_CODE",
      attemptsLeft: 4,
    });
  });

  it("stops sign-up codes once their day's budget is spent, and sends nothing more, while sign-ins go on", async () => {
    const attempt = () => {
      cookieJar.clear();
      const body = {
        email: `${randomUUID()}@example.com`,
        password: PASSWORD,
        phone: usNumber(),
      };
      return signup(jsonRequest("/api/signup", body, { ip: randomUUID() }));
    };
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(200);
    const before = listOutbox().length;
    const res = await attempt();
    expect(res.status).toBe(503);
    const { error } = await res.json();
    expect(error).toMatchObject({
      code: "SENDING_PAUSED",
      message: ERRORS.SENDING_PAUSED.message,
    });
    const secondsToMidnight =
      86_400 - Math.floor((Date.now() % 86_400_000) / 1000);
    expect(error.retryAfterSeconds).toBe(secondsToMidnight);
    expect(listOutbox()).toHaveLength(before);
    expect(cookieJar.size).toBe(0);
    // Sign-ins spend a budget of their own: the owner of a verified phone still gets a code.
    const [email, phone] = [`${randomUUID()}@example.com`, usNumber()];
    await createTestAccount({ email, phone, password: PASSWORD });
    cookieJar.clear();
    const signIn = await login(
      jsonRequest("/api/login", { email, password: PASSWORD }),
    );
    expect(signIn.status).toBe(200);
    expect(listOutbox(phone)).toHaveLength(1);
  });
});
