import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCode } from "@/lib/challenge/verify";
import type { ChallengeStore } from "@/lib/store/types";
import { startChallengeWithCode } from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import { recordExact, recordFigure } from "./figures";
import { runPool } from "./pool";

// The classic demo accepted one code up to 20 times when 20 correct verifies arrived at once
// (facts.md). Here: the real path (a challenge started with its code sent, then checkCode) over
// the Upstash store on the real local Redis, 1000 times, each with 20 correct verifies in flight
// together.

const SECTION = "race";
const TRIALS = 1000;
const PARALLEL = 20;
/** Trials in flight at once: 8 × 20 verifies keeps the local REST server busy, not swamped. */
const TRIAL_WIDTH = 8;

let server: Awaited<ReturnType<typeof startTestUpstashStore>>["server"];
let store: ChallengeStore;

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("race"));
});
afterAll(() => server.close());

async function trial(index: number): Promise<number> {
  const phone = `+1415555${String(index % 10_000).padStart(4, "0")}`;
  const { id, code } = await startChallengeWithCode(store, { phone });
  const results = await Promise.all(
    Array.from({ length: PARALLEL }, () => checkCode(store, id, code)),
  );
  return results.filter((r) => r.ok).length;
}

describe("concurrent correct verifies (Upstash store over real Redis)", () => {
  it("accepts the right code exactly once in each of 1000 trials of 20 parallel verifies", async () => {
    const started = Date.now();
    const successes = await runPool(TRIALS, TRIAL_WIDTH, trial);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const total = successes.reduce((a, b) => a + b, 0);
    const exactlyOne = successes.filter((n) => n === 1).length;
    recordExact(SECTION, "trials", successes.length, TRIALS);
    recordExact(
      SECTION,
      `total verifies (${PARALLEL} per trial, ${seconds} s)`,
      successes.length * PARALLEL,
      TRIALS * PARALLEL,
    );
    recordExact(SECTION, "successful verifies", total, TRIALS);
    recordExact(SECTION, "trials with exactly 1 success", exactlyOne, TRIALS);
    recordFigure({
      section: SECTION,
      figure: "successes per trial (min..max)",
      value: `${Math.min(...successes)}..${Math.max(...successes)}`,
      expected: "1..1",
      ok: Math.min(...successes) === 1 && Math.max(...successes) === 1,
    });
    expect(successes).toHaveLength(TRIALS);
    expect(new Set(successes)).toEqual(new Set([1]));
  });
});
