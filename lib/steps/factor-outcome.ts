import "server-only";
import { cancelRecoveryOf } from "@/lib/account/recovery";
import { recordEvent } from "@/lib/audit";
import type { StepContext } from "@/lib/context";
import { addressBucket } from "@/lib/limits/address-bucket";
import { limitId } from "@/lib/limits/decide";
import type { CheckOutcome } from "@/lib/challenge/verify";
import {
  refuse,
  type ErrorCode,
  type Outcome,
  type Refusal,
} from "@/lib/errors";
import {
  applySecurityChange,
  type ChangeContext,
} from "@/lib/security-changes/apply";
import type { Challenge, ChallengeFactor, ChallengeStore } from "@/lib/store";
import { tellOfPause } from "./lockout";

// What every second factor shares: how a challenge is opened for a factor checked outside the
// store, and what a counted failure sets off. A phone code opens and counts in the store's one
// atomic script (lib/challenge/verify.ts checkCode); the others are checked here first, then
// settled on the challenge the same way, so their failures count in one row with the phone's.

export type FailedCheck = Extract<CheckOutcome, { ok: false }>;

/**
 * The client a second-factor attempt is counted on: its address bucket (lib/limits), keyed so the
 * store never holds an address. Wrong answers pause this client, not the account's owner elsewhere.
 */
export const failureClient = (ctx: Pick<StepContext, "request">) =>
  limitId("failure-client", addressBucket(ctx.request.ip)).slice(0, 24);

/** The refusals after which this challenge, or the account's sign-in, is locked. */
const LOCKOUT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "TOO_MANY_ATTEMPTS",
  "ACCOUNT_LOCKED",
  "ACCOUNT_DISABLED",
]);

/** Whether a counted failure locked something: the one test of a lockout, for every factor. */
export const isLockout = (failed: Pick<FailedCheck, "error">) =>
  LOCKOUT_ERRORS.has(failed.error);

const ENDED: Partial<Record<Challenge["status"], ErrorCode>> = {
  verified: "ALREADY_VERIFIED",
  locked: "TOO_MANY_ATTEMPTS",
};

/**
 * The challenge `id`, open for `factor`: still pending, of an account, and accepting it (a sign-up's
 * challenge accepts only its phone: there is no account yet to hold other factors).
 */
export async function openFactorChallenge(
  store: ChallengeStore,
  id: string,
  factor: ChallengeFactor,
): Promise<Outcome<{ challenge: Challenge; userId: string }>> {
  const challenge = await store.getChallenge(id);
  if (!challenge) return refuse("NO_CHALLENGE");
  const ended = ENDED[challenge.status];
  if (ended) return refuse(ended);
  const { userId } = challenge;
  if (!userId || !challenge.factors.includes(factor))
    return refuse("FACTOR_NOT_AVAILABLE");
  return { ok: true, challenge, userId };
}

/**
 * A wrong second factor: when it counted, the audit row (code_failed, or the lockout's row) and,
 * for a pause or a switch-off, what the security-change table says follows it (its notice; a
 * pause's at most once a day, ./lockout.ts). Only the attempt that crossed the line is counted
 * with a wait; attempts refused while the pause lasts count nothing. Answers the refusal.
 */
export async function countFactorFailure(
  ctx: ChangeContext,
  failed: FailedCheck,
  audit: { userId: string | null; factor?: ChallengeFactor },
): Promise<Refusal> {
  const { error, attemptsLeft, retryAfterSeconds } = failed;
  if (failed.counted) {
    const { userId, factor } = audit;
    const detail = {
      ...(factor ? { factor } : {}),
      attemptsLeft: attemptsLeft ?? 0,
    };
    const change = lockoutChange(failed);
    if (!change)
      await recordEvent({
        type: "code_failed",
        userId,
        ...ctx.request,
        detail,
      });
    else if (!userId)
      await recordEvent({ type: "lockout", userId, ...ctx.request, detail });
    else if (change === "account_locked")
      await tellOfPause(ctx, change, {
        userId,
        detail,
        noticeArgs: [retryAfterSeconds!],
      });
    else {
      await applySecurityChange(ctx, change, { userId, detail });
      // Codes switched off: the owner of a phone-only account could no longer sign in to cancel a
      // recovery someone else started, so one waiting ends here.
      if (change === "account_disabled" && (await cancelRecoveryOf(userId)))
        await applySecurityChange(ctx, "recovery_cancelled", {
          userId,
          detail: { by: "codes-off" },
        });
    }
  }
  return refuse(error, { attemptsLeft, retryAfterSeconds });
}

/** Which row of the security-change table a counted failure is, if it locked anything. */
function lockoutChange(failed: FailedCheck) {
  if (!isLockout(failed)) return null;
  if (failed.error === "ACCOUNT_DISABLED") return "account_disabled";
  // A pause with a wait is a client's (its owner is told: whoever typed them knew the password);
  // without one, or the challenge's own attempt cap (five wrong answers), only that challenge
  // ends: no one is told.
  if (failed.error === "ACCOUNT_LOCKED" && failed.retryAfterSeconds)
    return "account_locked";
  return "challenge_locked";
}
