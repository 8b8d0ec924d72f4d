import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  DISABLE_AFTER_FAILURES,
  LOCK_LADDER_SECONDS,
} from "@/lib/challenge/policy";
import { checkCode } from "@/lib/challenge/verify";
import type { ChallengeStore } from "@/lib/store/types";
import { startChallengeWithCode } from "@/test/support/messenger";
import { createTestUpstash, startTestUpstash } from "@/test/support/redis";
import { recordExact } from "./figures";

// Wrong codes count per account across challenges (NIST SP 800-63B-4 §3.1.3.2: a new secret does
// not reset the count): the 10th in a row pauses codes for the account (1, 5, 15, 60 minutes),
// the 100th switches code sign-in off (§3.2.2). On the Upstash store over real Redis. Wrong codes
// spread over logins, through the routes, are played by app/api/code-guessing.test.ts, which
// records this section's first rows.

const SECTION = "wrong codes per account";

let server: Awaited<ReturnType<typeof startTestUpstash>>;
beforeAll(async () => {
  server = await startTestUpstash();
  vi.useFakeTimers({ toFake: ["Date"] }); // only Date: the pause ends on the clock
});
afterAll(async () => {
  vi.useRealTimers();
  await server.close();
});

const wrongFor = (code: string, n: number) =>
  String((Number(code) + 1 + n) % 1_000_000).padStart(6, "0");

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
