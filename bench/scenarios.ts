import { BENCH } from "./config";
import { cycle, type Row, type Scenario } from "./load";
import { RIGHT_CODE, WRONG_CODE, type ChallengeMaker } from "./seed";

// The requests the benchmark measures: the framework's floor, and the send and verify scenarios,
// each with a pool of challenges written beforehand, sized so the run never wraps one.

export const CHALLENGE_COOKIE = "twostep_challenge";
const cookieFor = (next: () => string) => () => `${CHALLENGE_COOKIE}=${next()}`;

/** The scenarios that consume challenges, with pools sized from the floor's rate. */
export async function challengeScenarios(
  make: ChallengeMaker,
  floorRps: number,
  store: Row["store"],
) {
  // The real routes are not expected to beat the floor by more than this.
  const seconds =
    BENCH.rounds * (BENCH.warmupSeconds + BENCH.durationSeconds) +
    BENCH.warmupSeconds +
    BENCH.profileSeconds;
  const expected = Math.ceil(floorRps * seconds * 1.6);
  const pools = {
    send: cycle(await make(Math.ceil(expected / 5), null), 5),
    right: cycle(await make(expected, RIGHT_CODE), 1),
    // Four wrong codes each: the fifth would lock the challenge.
    wrong: cycle(await make(Math.ceil(expected / 4), RIGHT_CODE), 4),
  };
  const scenarios: Record<keyof typeof pools, Scenario> = {
    send: {
      name: "send-code",
      store,
      measures: `POST /api/otp/send {"channel":"sms"} — a fresh login challenge per 5 sends (MAX_SENDS), cooldown 0, limits raised; expects 200`,
      path: "/api/otp/send",
      body: JSON.stringify({ channel: "sms" }),
      expectStatus: 200,
      cookie: cookieFor(pools.send),
    },
    right: {
      name: "verify (right)",
      store,
      measures:
        "POST /api/otp/verify with the right code — each challenge once (a code is single use); expects 200",
      path: "/api/otp/verify",
      body: JSON.stringify({ code: RIGHT_CODE }),
      expectStatus: 200,
      cookie: cookieFor(pools.right),
    },
    wrong: {
      name: "verify (wrong)",
      store,
      measures:
        "POST /api/otp/verify with a wrong code — 4 per challenge, below the lock at 5; expects 400 WRONG_CODE",
      path: "/api/otp/verify",
      body: JSON.stringify({ code: WRONG_CODE }),
      expectStatus: 400,
      cookie: cookieFor(pools.wrong),
    },
  };
  const wrapped = () =>
    Object.entries(pools)
      .filter(([, pool]) => pool.state.wrapped)
      .map(
        ([name]) =>
          `the ${name} pool (${store} store) ran out and wrapped: its extra requests were refused (see "unexpected")`,
      );
  return { scenarios, wrapped };
}

export const floorScenario = (store: Row["store"]): Scenario => ({
  name: "floor",
  store,
  measures:
    "POST /api/bench/floor — an empty route handler (bench builds only), the framework's floor",
  path: "/api/bench/floor",
  body: JSON.stringify({ code: RIGHT_CODE }),
  expectStatus: 200,
});

export type ChallengeScenarios = Awaited<
  ReturnType<typeof challengeScenarios>
>["scenarios"];
