import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { closeDb, getDb } from "@/lib/db";
import {
  finishAddingPasskey,
  startAddingPasskey,
} from "@/lib/steps/manage-passkeys";
import {
  startPasskeyStep,
  verifyPasskeyStep,
} from "@/lib/steps/verify-passkey";
import type { ChallengeStore } from "@/lib/store/types";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext, testContext } from "@/test/support/context";
import { createRecordingMessenger } from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import {
  softwarePasskey,
  type SoftwarePasskey,
} from "@/test/support/software-authenticator";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "./figures";
import { runPool } from "./pool";

// One passkey assertion sent by 20 requests at once on its sign-in (an assertion is bound to one
// challenge), with a software authenticator's real signatures over the Upstash store on the real
// Redis and Postgres: exactly one may get in, whether the authenticator keeps a signature counter
// (the conditional UPDATE decides) or not (the challenge completes once). Then the assertions
// that must never get in: sealed for another sign-in, made for another site, without user
// verification.

const SECTION = "race";
const TRIALS = 50;
const PARALLEL = 20;
const TRIAL_WIDTH = 2;
const META = { ip: null, userAgent: "figures" };
const APP_URL = "https://twostep.example";

let server: Awaited<ReturnType<typeof startTestUpstashStore>>["server"];
let store: ChallengeStore;
const messenger = createRecordingMessenger();
const deps = () =>
  testContext({ store, messenger, appUrl: APP_URL, request: META });
const signedIn = (user: { id: string; email: string }) =>
  accountContext(user, { ...deps(), request: META });

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("passkey-race"));
});
afterAll(async () => {
  await server.close();
  await closeDb(await getDb());
});

async function withPasskey(passkey: SoftwarePasskey) {
  const phone = randomMobile("+3361");
  const email = `pk${randomInt(1e12)}@example.com`;
  const account = await createTestAccount({ email, phone });
  const user = { id: account.id, email };
  const start = await startAddingPasskey(signedIn(user));
  if (!start.ok) throw new Error(start.error);
  const response = passkey.register(start.options, APP_URL);
  const added = await finishAddingPasskey(signedIn(user), {
    name: "Key",
    response,
  });
  if (!added.ok) throw new Error(added.error);
  return user.id;
}

async function openChallenge(userId: string) {
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
      factors: ["passkey", "phone"],
    },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  if (!opened.ok) throw new Error(opened.reason);
  const start = await startPasskeyStep(deps(), id);
  if (!start.ok) throw new Error(start.error);
  return { id, options: start.options };
}

async function raceTrial(keepsCounter: boolean): Promise<number> {
  const passkey = softwarePasskey({ keepsCounter });
  const userId = await withPasskey(passkey);
  const { id, options } = await openChallenge(userId);
  const response = passkey.assert(options, APP_URL);
  const results = await Promise.all(
    Array.from({ length: PARALLEL }, () =>
      verifyPasskeyStep(deps(), id, response),
    ),
  );
  return results.filter((r) => r.ok).length;
}

describe("one passkey assertion sent 20 times at once", () => {
  for (const [what, keepsCounter] of [
    ["passkey assertion (counter kept)", true],
    ["passkey assertion (no counter)", false],
  ] as const)
    it(`accepts one ${what} exactly once in each of ${TRIALS} trials of ${PARALLEL}`, async () => {
      const successes = await runPool(TRIALS, TRIAL_WIDTH, () =>
        raceTrial(keepsCounter),
      );
      recordExact(
        SECTION,
        `${what}: sign-ins accepted (${TRIALS} trials × ${PARALLEL} parallel)`,
        successes.reduce((a, b) => a + b, 0),
        TRIALS,
      );
      recordExact(
        SECTION,
        `${what}: trials with exactly 1 success`,
        successes.filter((n) => n === 1).length,
        TRIALS,
      );
      expect(new Set(successes)).toEqual(new Set([1]));
    });

  it("never accepts an assertion for another sign-in, another site, or without user verification", async () => {
    const passkey = softwarePasskey();
    const userId = await withPasskey(passkey);
    const { id, options } = await openChallenge(userId);
    const other = await openChallenge(userId);
    const forged = [
      passkey.assert(other.options, APP_URL),
      passkey.assert(options, "https://evil.example"),
      passkey.assert(options, APP_URL, { rpId: "evil.example" }),
      passkey.assert(options, APP_URL, { userVerified: false }),
    ];
    let accepted = 0;
    for (const response of forged)
      if ((await verifyPasskeyStep(deps(), id, response)).ok) accepted += 1;
    recordExact(
      "passkeys",
      `forged assertions accepted (other sign-in, site, RP id, no user verification)`,
      accepted,
      0,
    );
    expect(accepted).toBe(0);
  });
});
