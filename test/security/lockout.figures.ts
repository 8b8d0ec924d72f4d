import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  DISABLE_AFTER_FAILURES,
  LOCK_AFTER_FAILURES,
  LOCK_LADDER_SECONDS,
} from "@/lib/challenge/policy";
import { checkCode } from "@/lib/challenge/verify";
import { listOutbox } from "@/lib/messaging/outbox";
import type { ChallengeStore } from "@/lib/store/types";
import { resetTables } from "@/test/support/db";
import {
  codeFromSmsText,
  startChallengeWithCode,
} from "@/test/support/messenger";
import {
  clearBrowser,
  cookieJar,
  jsonRequest,
} from "@/test/support/next-request";
import { createTestUpstash, startTestUpstash } from "@/test/support/redis";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "./figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Wrong codes count per account across challenges (NIST SP 800-63B-4 §3.1.3.2: a new secret does
// not reset the count): the 10th in a row pauses codes for the account (1, 5, 15, 60 minutes),
// the 100th switches code sign-in off (§3.2.2). On the Upstash store over real Redis.

const SECTION = "wrong codes per account";
const PASSWORD = "plum-ferry-quartz-71";

let server: Awaited<ReturnType<typeof startTestUpstash>>;
beforeAll(async () => {
  server = await startTestUpstash();
  await resetTables();
  vi.useFakeTimers({ toFake: ["Date"] }); // only Date: the pause ends on the clock
});
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await server.close();
});

const wrongFor = (code: string, n: number) =>
  String((Number(code) + 1 + n) % 1_000_000).padStart(6, "0");

describe("wrong codes spread over logins (Upstash store, real Redis)", () => {
  it("12 wrong codes over three logins, then the right code of a fourth login: refused", async () => {
    // One trusted proxy and an address of its own, send limits raised: this Redis outlives the run
    // and the limits are not what is measured here.
    vi.stubEnv("UPSTASH_REDIS_REST_URL", server.url);
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", server.token);
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    vi.stubEnv("LIMIT_SENDS_PER_PHONE_PER_HOUR", "100");
    vi.stubEnv("LIMIT_DAILY_MESSAGE_BUDGET", "1000000");
    vi.resetModules();
    const { POST: login } = await import("@/app/api/login/route");
    const { POST: verify } = await import("@/app/api/otp/verify/route");
    const { createAccount } = await import("@/lib/account/records");
    const { hashPassword } = await import("@/lib/password/hash");
    const ip = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;
    const email = `guessed-${randomUUID()}@example.com`;
    const phone = randomMobile("+3361");
    const passwordHash = await hashPassword(PASSWORD);
    expect((await createAccount({ email, phone, passwordHash })).ok).toBe(true);
    const call = async (
      handler: (r: Request) => Promise<Response>,
      path: string,
      body: object,
    ) => {
      const res = await handler(jsonRequest(path, body, { ip }));
      const json = await res.json();
      return res.status === 200 ? "200" : `${res.status} ${json.error.code}`;
    };
    const logins: { cookie: string; code: string }[] = [];
    for (let i = 0; i < 4; i++) {
      clearBrowser();
      await call(login, "/api/login", { email, password: PASSWORD });
      logins.push({
        cookie: cookieJar.get("twostep_challenge")!,
        code: codeFromSmsText(listOutbox(phone)[0]!.text),
      });
    }
    const enter = (login: (typeof logins)[number], code: string) => {
      clearBrowser();
      cookieJar.set("twostep_challenge", login.cookie);
      return call(verify, "/api/otp/verify", { code });
    };
    const guesses: string[] = [];
    for (const l of logins.slice(0, 3))
      for (let g = 0; g < 4; g++)
        guesses.push(await enter(l, wrongFor(l.code, g)));
    const right = await enter(logins[3]!, logins[3]!.code);
    vi.setSystemTime(Date.now() + (LOCK_LADDER_SECONDS[0] + 1) * 1000);
    const afterPause = await enter(logins[3]!, logins[3]!.code);
    clearBrowser();
    await call(login, "/api/login", { email, password: PASSWORD });
    const next = codeFromSmsText(listOutbox(phone)[0]!.text);
    const afterSuccess = await call(verify, "/api/otp/verify", {
      code: wrongFor(next, 0),
    });

    const wrongAccepted = guesses.filter((g) => g === "200").length;
    const pausedAt = guesses.indexOf("429 ACCOUNT_LOCKED") + 1;
    recordExact(
      SECTION,
      "12 wrong codes over 3 logins: accepted",
      wrongAccepted,
      0,
    );
    recordExact(
      SECTION,
      "…codes paused from the wrong code no.",
      pausedAt,
      LOCK_AFTER_FAILURES,
    );
    recordExact(
      SECTION,
      "wrong codes across 3 logins then right code of a 4th: locked",
      right,
      "429 ACCOUNT_LOCKED",
    );
    recordExact(
      SECTION,
      `the same right code once the ${LOCK_LADDER_SECONDS[0]} s pause ended`,
      afterPause,
      "200",
    );
    recordExact(
      SECTION,
      "after that success, a wrong code (count restarted)",
      afterSuccess,
      "400 WRONG_CODE",
    );
    expect(wrongAccepted).toBe(0);
    expect(pausedAt).toBe(LOCK_AFTER_FAILURES);
    expect(right).toBe("429 ACCOUNT_LOCKED");
    expect(afterPause).toBe("200");
    expect(afterSuccess).toBe("400 WRONG_CODE");
  });
});

describe("wrong codes in a row, each pause waited out (Upstash store, real Redis)", () => {
  it("pauses for 1, 5, 15, then 60 minutes, and switches code sign-in off at the 100th", async () => {
    const store: ChallengeStore = createTestUpstash(server, "lockout").store;
    const account = `user:${randomUUID()}`;
    const phone = "+14155550188";
    const start = () => startChallengeWithCode(store, { phone, account });
    let live = await start();
    let failures = 0;
    let accepted = 0;
    const pauses: number[] = [];
    let last = "";
    while (failures < DISABLE_AFTER_FAILURES) {
      const r = await checkCode(store, live.id, wrongFor(live.code, failures));
      if (r.ok) accepted++;
      else if (r.counted) failures++;
      last = r.ok ? "accepted" : r.error;
      if (r.ok || last === "ACCOUNT_DISABLED") break;
      if (last === "ACCOUNT_LOCKED") {
        const seconds = r.retryAfterSeconds ?? 0;
        if (pauses.at(-1) !== seconds) pauses.push(seconds);
        vi.setSystemTime(Date.now() + (seconds + 1) * 1000);
        live = await start();
      } else if (last === "TOO_MANY_ATTEMPTS") live = await start();
    }
    const rightCode = await checkCode(store, live.id, live.code);
    vi.setSystemTime(Date.now() + 7 * 86_400_000); // a week later
    const newCode = await start().then(
      () => "sent",
      (e: Error) => e.message.replace("first send refused: ", ""),
    );
    recordExact(SECTION, "wrong codes accepted (100 in a row)", accepted, 0);
    recordExact(
      SECTION,
      "pauses, seconds, as the count grows",
      pauses.join(","),
      LOCK_LADDER_SECONDS.join(","),
    );
    recordExact(
      SECTION,
      `the ${DISABLE_AFTER_FAILURES}th wrong code in a row`,
      `${failures}: ${last}`,
      `${DISABLE_AFTER_FAILURES}: ACCOUNT_DISABLED`,
    );
    recordExact(
      SECTION,
      "then the right code; a new code a week later",
      `${rightCode.ok ? "accepted" : rightCode.error}; ${newCode}`,
      "ACCOUNT_DISABLED; ACCOUNT_DISABLED",
    );
    expect(accepted).toBe(0);
    expect(pauses).toEqual([...LOCK_LADDER_SECONDS]);
    expect(`${failures}: ${last}`).toBe(
      `${DISABLE_AFTER_FAILURES}: ACCOUNT_DISABLED`,
    );
    expect(rightCode.ok).toBe(false);
    expect(newCode).toBe("ACCOUNT_DISABLED");
  });
});
