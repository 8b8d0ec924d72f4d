import "server-only";
import { refuse, type ErrorCode, type Refusal } from "@/lib/errors";
import type {
  Challenge,
  ChallengeStore,
  ChallengeFactor,
  FailureScope,
  VerifyResult,
} from "@/lib/store";
import { hashCode } from "./code";
import * as policy from "./policy";

type Reason = Extract<VerifyResult, { ok: false }>["reason"];

const VERIFY_ERRORS: Record<Reason, ErrorCode> = {
  missing: "NO_CHALLENGE",
  expired: "CODE_EXPIRED",
  locked: "TOO_MANY_ATTEMPTS",
  verified: "ALREADY_VERIFIED",
  wrong: "WRONG_CODE",
  "no-code": "NO_CODE",
  "account-locked": "ACCOUNT_LOCKED",
  "account-disabled": "ACCOUNT_DISABLED",
};

export const FAILURE_POLICY = {
  maxAttempts: policy.MAX_WRONG_ATTEMPTS,
  lockAfter: policy.LOCK_AFTER_FAILURES,
  ladderSeconds: policy.LOCK_LADDER_SECONDS,
  disableAfter: policy.DISABLE_AFTER_FAILURES,
  memorySeconds: policy.FAILURE_MEMORY_SECONDS,
};

export type CheckOutcome =
  | { ok: true; challenge: Challenge }
  | (Refusal & {
      userId: string | null;
      /** This attempt counted as a failure (a wrong code, not a refused one). */
      counted: boolean;
      challenge?: Challenge;
    });

/**
 * Checks and consumes a code in one atomic store round trip (single use), counting a miss on the
 * challenge, on `client`'s wrong codes in a row (which pause that client) and on the account's
 * (which switch its codes off at the end); a paused client is refused until its pause ends.
 */
export async function checkCode(
  store: ChallengeStore,
  id: string,
  code: string,
  now = Date.now(),
  client?: string,
): Promise<CheckOutcome> {
  const r = await store.verifyCode(
    id,
    hashCode(id, code),
    now,
    FAILURE_POLICY,
    {
      client,
    },
  );
  return toCheckOutcome(r);
}

/**
 * Settles a factor checked outside the store (an authenticator or recovery code, a passkey, a
 * remembered browser) on the challenge: `factor` when it passed, null when `scope.tried` failed,
 * counted as that factor counts (lib/store FailureScope).
 */
export async function settleFactor(
  store: ChallengeStore,
  id: string,
  factor: ChallengeFactor | null,
  now = Date.now(),
  scope: FailureScope = {},
): Promise<CheckOutcome> {
  const r = await store.recordFactorResult(
    id,
    factor,
    now,
    FAILURE_POLICY,
    scope,
  );
  return toCheckOutcome(r);
}

function toCheckOutcome(r: VerifyResult): CheckOutcome {
  if (r.ok) return r;
  // A wrong code that crossed the lock threshold: say that codes are paused, and for how long.
  const error: ErrorCode =
    r.counted && r.retryAfterSeconds
      ? "ACCOUNT_LOCKED"
      : VERIFY_ERRORS[r.reason];
  const { attemptsLeft, retryAfterSeconds, userId, counted, challenge } = r;
  return {
    ...refuse(error, { attemptsLeft, retryAfterSeconds }),
    userId,
    counted,
    challenge,
  };
}
