import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  LOCK_AFTER_FAILURES,
  LOCK_LADDER_SECONDS,
} from "@/lib/challenge/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import {
  clearBrowser,
  cookieJar,
  jsonRequest,
} from "@/test/support/next-request";
import { startTestUpstash } from "@/test/support/redis";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "@/test/security/figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Someone who has the password (phished, reused) guesses codes: a few per login, then logs in again
// for a fresh code, forever. Wrong codes count across challenges (NIST SP 800-63B-4 §3.1.3.2: a
// new secret does not reset the count), so the 10th in a row pauses codes for the client typing
// them whatever challenge it was typed into (the owner's own client is not paused by it:
// app/api/lockout-scope.test.ts). Through the real routes, on each code store; the
// security report (`npm run test:security`) prints what the Upstash store's run recorded.

const SECTION = "wrong codes per account";
const COOKIE = "twostep_challenge";
const PASSWORD = "plum-ferry-quartz-71";
const GUESSES_PER_LOGIN = 4; // one below the per-challenge cap, so no challenge ever dies

let upstash: Awaited<ReturnType<typeof startTestUpstash>>;
beforeAll(async () => {
  upstash = await startTestUpstash();
  await resetTables();
  // The lock ends on the clock: only Date is faked, so the stores see the time move.
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await upstash.close();
});

async function loadApp(store: "embedded" | "upstash") {
  vi.unstubAllEnvs();
  // Behind one trusted proxy, from an address of its own (this Redis outlives the run). Send limits
  // are raised: this suite logs in more often than an hour allows, and they are not what it tests.
  vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
  vi.stubEnv("LIMIT_SENDS_PER_PHONE_PER_HOUR", "100");
  vi.stubEnv("LIMIT_SENDS_PER_ACCOUNT_PER_HOUR", "100");
  vi.stubEnv("LIMIT_DAILY_MESSAGE_BUDGET", "1000000");
  if (store === "upstash") {
    vi.stubEnv("UPSTASH_REDIS_REST_URL", upstash.url);
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", upstash.token);
  }
  vi.resetModules();
  return {
    login: (await import("@/app/api/login/route")).POST,
    verify: (await import("@/app/api/otp/verify/route")).POST,
    storeKind: (await import("@/lib/store")).getChallengeStore().kind,
  };
}
type App = Awaited<ReturnType<typeof loadApp>>;

const address = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::7`;

async function call(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  const response = await handler(jsonRequest(path, body, { ip: address }));
  const json = await response.json();
  return {
    status: response.status,
    code: json.error?.code as string | undefined,
    retryAfter: Number(response.headers.get("retry-after") ?? 0),
  };
}

/** One browser that passed the password step: its challenge cookie and the code its phone got. */
interface Login {
  cookie: string;
  code: string;
}

async function setUp(app: App) {
  const email = `guessed-${randomUUID()}@example.com`;
  const phone = randomMobile("+3361");
  await createTestAccount({ email, phone, password: PASSWORD });
  const startLogin = async () => {
    clearBrowser();
    const step = await call(app.login, "/api/login", {
      email,
      password: PASSWORD,
    });
    if (step.status !== 200) return step;
    const code = codeFromSmsText(listOutbox(phone)[0]!.text);
    return { ...step, cookie: cookieJar.get(COOKIE)!, code };
  };
  const enter = async (login: Login, code: string) => {
    clearBrowser();
    cookieJar.set(COOKIE, login.cookie);
    return call(app.verify, "/api/otp/verify", { code });
  };
  return { startLogin, enter };
}

const wrongFor = (code: string, n: number) =>
  String((Number(code) + 1 + n) % 1_000_000).padStart(6, "0");
const outcome = (r: { status: number; code?: string }) =>
  r.status === 200 ? "200" : `${r.status} ${r.code}`;

describe.each(["embedded", "upstash"] as const)(
  "wrong codes across logins (%s store)",
  (store) => {
    // The report's figures are the production store's.
    const record = (
      figure: string,
      value: string | number,
      expected: string | number,
    ) => {
      if (store === "upstash") recordExact(SECTION, figure, value, expected);
    };

    it("12 wrong codes over three logins, then the right code of a fourth login from the same client: refused, codes paused for that client", async () => {
      const app = await loadApp(store);
      expect(app.storeKind).toBe(store);
      const { startLogin, enter } = await setUp(app);
      const logins = [] as Login[];
      for (let i = 0; i < 4; i++) logins.push((await startLogin()) as Login);
      expect(logins.every((l) => l.code)).toBe(true);

      const guesses: string[] = [];
      let lockedFor = 0;
      for (const login of logins.slice(0, 3))
        for (let g = 0; g < GUESSES_PER_LOGIN; g++) {
          const r = await enter(login, wrongFor(login.code, g));
          guesses.push(outcome(r));
          lockedFor ||= r.retryAfter;
        }
      const right = await enter(logins[3]!, logins[3]!.code);
      record(
        "12 wrong codes over 3 logins: accepted",
        guesses.filter((g) => g === "200").length,
        0,
      );
      record(
        "…codes paused from the wrong code no.",
        guesses.indexOf("429 ACCOUNT_LOCKED") + 1,
        LOCK_AFTER_FAILURES,
      );
      record(
        "wrong codes across 3 logins then right code of a 4th: locked",
        outcome(right),
        "429 ACCOUNT_LOCKED",
      );
      const paused = LOCK_AFTER_FAILURES - 1;
      expect(guesses).toEqual([
        ...Array(paused).fill("400 WRONG_CODE"),
        ...Array(12 - paused).fill("429 ACCOUNT_LOCKED"),
      ]);
      expect(lockedFor).toBeGreaterThan(0);
      expect(lockedFor).toBeLessThanOrEqual(LOCK_LADDER_SECONDS[0]);
      expect(outcome(right)).toBe("429 ACCOUNT_LOCKED");
      // Logging in again gets no new code either while the pause lasts.
      expect(outcome(await startLogin())).toBe("429 ACCOUNT_LOCKED");
    });

    it("lets the owner in once the pause ends, and that success starts the count again", async () => {
      const app = await loadApp(store);
      const { startLogin, enter } = await setUp(app);
      const logins = [] as Login[];
      for (let i = 0; i < 4; i++) logins.push((await startLogin()) as Login);
      for (const login of logins.slice(0, 3))
        for (let g = 0; g < GUESSES_PER_LOGIN; g++)
          await enter(login, wrongFor(login.code, g));
      expect(outcome(await enter(logins[3]!, logins[3]!.code))).toBe(
        "429 ACCOUNT_LOCKED",
      );

      vi.setSystemTime(Date.now() + (LOCK_LADDER_SECONDS[0] + 1) * 1000);
      const afterPause = outcome(await enter(logins[3]!, logins[3]!.code));

      // Had the success not reset it, this would be the 11th failure in a row: paused 5 minutes.
      const next = (await startLogin()) as Login;
      const afterSuccess = next.code
        ? outcome(await enter(next, wrongFor(next.code, 0)))
        : "no code";
      record(
        `the same right code once the ${LOCK_LADDER_SECONDS[0]} s pause ended`,
        afterPause,
        "200",
      );
      record(
        "after that success, a wrong code (count restarted)",
        afterSuccess,
        "400 WRONG_CODE",
      );
      expect(afterPause).toBe("200");
      expect(next.code).toBeTruthy();
      expect(afterSuccess).toBe("400 WRONG_CODE");
      expect(outcome(await enter(next, next.code))).toBe("200");
    });
  },
);
