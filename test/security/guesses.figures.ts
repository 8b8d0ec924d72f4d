import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { MAX_WRONG_ATTEMPTS } from "@/lib/challenge/policy";
import { checkCode } from "@/lib/challenge/verify";
import { closeDb, getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import type { ChallengeStore } from "@/lib/store/types";
import { resetTables } from "@/test/support/db";
import {
  codeFromSmsText,
  startChallengeWithCode,
} from "@/test/support/messenger";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { startTestUpstashStore } from "@/test/support/redis";
import { recordExact } from "./figures";
import { runPool } from "./pool";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The classic demo accepted the right code after 1000 wrong ones (facts.md). Here a challenge dies
// at its fifth wrong code (lib/challenge/policy.ts), and the right code is refused after that.

const SECTION = "wrong guesses";
const CHALLENGES = 100;

let server: Awaited<ReturnType<typeof startTestUpstashStore>>["server"];
let store: ChallengeStore;

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("guesses"));
  await resetTables();
});
afterAll(async () => {
  server.close();
  await closeDb(await getDb());
});

/** A login challenge of an account of its own (failures per account are another figure). */
const challengeWithCode = (phone = "+14155550177") =>
  startChallengeWithCode(store, { phone });

/** A six-digit code that is not `code`. */
const wrongFor = (code: string, n: number) =>
  String((Number(code) + 1 + n) % 1_000_000).padStart(6, "0");

describe("wrong guesses (Upstash store over real Redis)", () => {
  it("accepts no wrong code, dies at the fifth, then refuses the right code", async () => {
    const runs = await runPool(CHALLENGES, 8, async () => {
      const { id, code } = await challengeWithCode();
      let accepted = 0;
      let guesses = 0;
      for (; guesses < 1000;) {
        const r = await checkCode(store, id, wrongFor(code, guesses++));
        if (r.ok) accepted++;
        else if (r.error === "TOO_MANY_ATTEMPTS") break;
      }
      const right = await checkCode(store, id, code);
      return { accepted, guesses, rightRefused: !right.ok };
    });
    const accepted = runs.reduce((a, r) => a + r.accepted, 0);
    const diedAt = new Set(runs.map((r) => r.guesses));
    const refused = runs.filter((r) => r.rightRefused).length;
    recordExact(SECTION, `challenges tried`, runs.length, CHALLENGES);
    recordExact(SECTION, "wrong codes accepted", accepted, 0);
    recordExact(
      SECTION,
      "wrong codes until the challenge dies",
      [...diedAt].join(","),
      String(MAX_WRONG_ATTEMPTS),
    );
    recordExact(
      SECTION,
      "right code refused after death",
      `${refused}/${CHALLENGES}`,
      `${CHALLENGES}/${CHALLENGES}`,
    );
    expect(accepted).toBe(0);
    expect([...diedAt]).toEqual([MAX_WRONG_ATTEMPTS]);
    expect(refused).toBe(CHALLENGES);
  });

  it("counts 20 parallel wrong guesses one by one: five land, the rest find it dead", async () => {
    const { id, code } = await challengeWithCode();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checkCode(store, id, wrongFor(code, i)),
      ),
    );
    const accepted = results.filter((r) => r.ok).length;
    const right = await checkCode(store, id, code);
    const challenge = await store.getChallenge(id);
    recordExact(SECTION, "parallel: 20 wrong at once, accepted", accepted, 0);
    recordExact(
      SECTION,
      "parallel: attempts counted",
      challenge!.attempts,
      MAX_WRONG_ATTEMPTS,
    );
    recordExact(
      SECTION,
      "parallel: right code afterwards",
      right.ok ? "accepted" : "refused",
      "refused",
    );
    expect(accepted).toBe(0);
    expect(challenge!.attempts).toBe(MAX_WRONG_ATTEMPTS);
    expect(right.ok).toBe(false);
  });

  it("does the same through POST /api/otp/verify, and creates no account", async () => {
    const phone = "+14155550178";
    cookieJar.clear();
    const body = {
      email: "guess@example.com",
      password: "correct horse battery",
      phone,
    };
    expect((await signup(jsonRequest("/api/signup", body))).status).toBe(200);
    const code = codeFromSmsText(listOutbox(phone)[0]!.text);
    const statuses: number[] = [];
    for (let i = 0; i < MAX_WRONG_ATTEMPTS; i++)
      statuses.push(
        (
          await verify(
            jsonRequest("/api/otp/verify", { code: wrongFor(code, i) }),
          )
        ).status,
      );
    const right = await verify(jsonRequest("/api/otp/verify", { code }));
    const rightJson = await right.json();
    const users = await (await getDb()).user.count();
    recordExact(
      SECTION,
      "HTTP: statuses of 5 wrong codes",
      statuses.join(","),
      "400,400,400,400,429",
    );
    recordExact(
      SECTION,
      "HTTP: right code after that",
      `${right.status} ${rightJson.error?.code}`,
      "429 TOO_MANY_ATTEMPTS",
    );
    recordExact(SECTION, "HTTP: accounts created", users, 0);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    expect(right.status).toBe(429);
    expect(rightJson.error.code).toBe("TOO_MANY_ATTEMPTS");
    expect(users).toBe(0);
  });
});
