import { randomInt, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { createAccount } from "@/lib/account";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { hashPassword } from "@/lib/password";
import { cookieJar, jsonRequest } from "@/test/support/next-request";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Per-number and per-account caps raised (as the benchmark does) so only the lockout and the
// daily budget are in play; the budget lowered to reach it quickly.
vi.hoisted(() => {
  process.env.LIMIT_SENDS_PER_PHONE_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_ACCOUNT_PER_HOUR = "1000";
  process.env.LIMIT_LOGINS_PER_ACCOUNT_PER_15_MIN = "1000";
  process.env.LIMIT_DAILY_MESSAGE_BUDGET = "10";
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
  it("locks code requests after the third failed challenge for 1, 5, 15, then 60 minutes", async () => {
    const [email, phone] = [`${randomUUID()}@example.com`, usNumber()];
    const passwordHash = await hashPassword(PASSWORD);
    expect(await createAccount({ email, passwordHash, phone })).toMatchObject({
      ok: true,
    });
    const logIn = () => {
      cookieJar.clear();
      return login(jsonRequest("/api/login", { email, password: PASSWORD }));
    };
    async function failChallenge() {
      expect((await logIn()).status).toBe(200);
      const code = listOutbox(phone)[0]!.text.match(/\d{6}/)![0];
      const wrong = code === "000000" ? "111111" : "000000";
      let res: Response | undefined;
      for (let i = 0; i < 5; i++)
        res = await verify(jsonRequest("/api/otp/verify", { code: wrong }));
      expect(res!.status).toBe(429);
      return (await res!.json()).error;
    }

    for (let i = 0; i < 2; i++)
      expect(await failChallenge()).toEqual(
        expect.not.objectContaining({ retryAfterSeconds: expect.anything() }),
      );
    for (const minutes of [1, 5, 15, 60]) {
      expect(await failChallenge()).toMatchObject({
        code: "TOO_MANY_ATTEMPTS",
        retryAfterSeconds: minutes * 60,
      });
      const locked = await logIn();
      expect(locked.status).toBe(429);
      expect((await locked.json()).error).toEqual({
        code: "ACCOUNT_LOCKED",
        message: ERRORS.ACCOUNT_LOCKED.message,
        retryAfterSeconds: minutes * 60,
      });
      advance(minutes * 60 - 1);
      expect((await logIn()).status).toBe(429);
      advance(1);
    }
    expect((await logIn()).status).toBe(200);
  });

  it("stops sending once the day's budget is spent, and sends nothing more", async () => {
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
  });
});
