import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { closeDb, getDb } from "@/lib/db";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import {
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import { verifyFactorStep } from "@/lib/steps/verify-factor";
import { createTestAccount } from "@/test/support/accounts";
import type { ChallengeStore, ChallengeFactor } from "@/lib/store/types";
import { accountContext, testContext } from "@/test/support/context";
import { createRecordingMessenger } from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "./figures";
import { runPool } from "./pool";

// One authenticator code (one time step) or one recovery code used by 20 sign-ins at once, each on
// a challenge of its own: the real steps over the Upstash store on the real Redis and Postgres,
// where single use is a conditional UPDATE. Exactly one of the 20 may get in, every time.

const SECTION = "race";
const TRIALS = 50;
const PARALLEL = 20;
const TRIAL_WIDTH = 2;
const META = { ip: null, userAgent: "figures" };

let server: Awaited<ReturnType<typeof startTestUpstashStore>>["server"];
let store: ChallengeStore;
const messenger = createRecordingMessenger();
const deps = () =>
  testContext({
    store,
    messenger,
    appUrl: "https://twostep.example",
    request: META,
  });
const signedIn = (user: { id: string; email: string }) =>
  accountContext(user, { ...deps(), request: META });

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("factor-race"));
});
afterAll(async () => {
  await server.close();
  await closeDb(await getDb());
});

async function newUser() {
  const phone = randomMobile("+3361");
  const email = `race${randomInt(1e12)}@example.com`;
  const account = await createTestAccount({ email, phone });
  return { id: account.id, email };
}

async function openChallenges(userId: string, factors: ChallengeFactor[]) {
  return Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      const id = newChallengeId("login", `user:${userId}`);
      const opened = await store.startChallenge(
        {
          id,
          purpose: "login",
          userId,
          pendingEmail: null,
          pendingPasswordHash: null,
          phone: "+33612345678",
          createdAt: Date.now(),
          factors,
        },
        CHALLENGE_TTL_SECONDS,
        null,
      );
      if (!opened.ok) throw new Error(opened.reason);
      return id;
    }),
  );
}

async function totpTrial(): Promise<number> {
  const user = await newUser();
  const setup = await startAuthenticatorSetup(signedIn(user));
  if (!setup.ok) throw new Error(setup.error);
  const secret = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
  await turnOnAuthenticator(
    signedIn(user),
    TOTP.generate({ secret, timestamp: Date.now() - 30_000 }),
  );
  const ids = await openChallenges(user.id, ["totp"]);
  // The current step's code: the setup spent the previous one.
  const code = TOTP.generate({ secret });
  const results = await Promise.all(
    ids.map((id) => verifyFactorStep(deps(), id, "totp", code)),
  );
  return results.filter((r) => r.ok).length;
}

async function recoveryTrial(): Promise<number> {
  const user = await newUser();
  const set = await generateRecoveryCodeSet(signedIn(user));
  if (!set.ok) throw new Error(set.error);
  const ids = await openChallenges(user.id, ["recovery"]);
  const results = await Promise.all(
    ids.map((id) => verifyFactorStep(deps(), id, "recovery", set.codes[0]!)),
  );
  return results.filter((r) => r.ok).length;
}

describe("one authenticator or recovery code used by 20 sign-ins at once", () => {
  for (const [what, trial] of [
    ["authenticator code (one time step)", totpTrial],
    ["recovery code", recoveryTrial],
  ] as const)
    it(`accepts one ${what} exactly once in each of ${TRIALS} trials of ${PARALLEL}`, async () => {
      const successes = await runPool(TRIALS, TRIAL_WIDTH, () => trial());
      const exactlyOne = successes.filter((n) => n === 1).length;
      recordExact(
        SECTION,
        `${what}: sign-ins accepted (${TRIALS} trials × ${PARALLEL} parallel)`,
        successes.reduce((a, b) => a + b, 0),
        TRIALS,
      );
      recordExact(
        SECTION,
        `${what}: trials with exactly 1 success`,
        exactlyOne,
        TRIALS,
      );
      expect(new Set(successes)).toEqual(new Set([1]));
    });
});
