import "server-only";
import { createAccount, findAccountCreatedWith } from "@/lib/account/records";
import { recordEvent } from "@/lib/audit";
import { checkCode } from "@/lib/challenge/verify";
import {
  refuse,
  type ErrorCode,
  type Outcome,
  type Refusal,
} from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyLockout } from "@/lib/notices/lockout";
import { noticeDeps } from "@/lib/notices/notify";
import type { Challenge, ChallengeStore } from "@/lib/store";
import { mailDeps } from "./mail-deps";
import { startEmailVerification } from "./verify-email";

const LOCKOUTS: ErrorCode[] = [
  "TOO_MANY_ATTEMPTS",
  "ACCOUNT_LOCKED",
  "ACCOUNT_DISABLED",
];

/**
 * The code step: check the code (one atomic round trip that also keeps the account's failures in a
 * row), audit a wrong one, and for a sign-up create the account now that the phone is proven.
 * Success leaves the challenge verified for next-auth to redeem into a session.
 */
/** A refusal after which the challenge no longer exists (its sign-up lost a race for the email). */
export type VerifyOutcome = Outcome | (Refusal & { challengeDeleted: true });

export async function verifyCodeStep(
  store: ChallengeStore,
  id: string,
  code: string,
  meta: RequestMeta,
): Promise<VerifyOutcome> {
  const result = await checkCode(store, id, code);
  if (result.ok) return finishChallenge(store, result.challenge, meta);
  const { challenge } = result;
  // Verified, but the account insert failed (a database fault): finish it now.
  if (result.error === "ALREADY_VERIFIED" && challenge && !challenge.userId)
    return finishChallenge(store, challenge, meta);
  if (result.counted) {
    const type = LOCKOUTS.includes(result.error) ? "lockout" : "code_failed";
    const detail = { attemptsLeft: result.attemptsLeft ?? 0 };
    await recordEvent({ type, userId: result.userId, ...meta, detail });
    await notifyLockout(noticeDeps(), result.userId, result);
  }
  const { error, attemptsLeft, retryAfterSeconds } = result;
  return refuse(error, { attemptsLeft, retryAfterSeconds });
}

async function finishChallenge(
  store: ChallengeStore,
  c: Challenge,
  meta: RequestMeta,
): Promise<VerifyOutcome> {
  if (c.purpose !== "signup" || c.userId) return { ok: true };
  const { pendingEmail: email, pendingPasswordHash: passwordHash } = c;
  if (!email || !passwordHash) return refuse("NO_CHALLENGE");
  const account = await createAccount({ email, passwordHash, phone: c.phone });
  if (!account.ok) {
    // A second verify racing the first finds the account the first one created: that is ours.
    const ours = await findAccountCreatedWith(email, passwordHash);
    if (ours) {
      await store.setUserId(c.id, ours);
      return { ok: true };
    }
    await store.deleteChallenge(c.id);
    return { ...refuse(account.error), challengeDeleted: true };
  }
  await store.setUserId(c.id, account.userId);
  await recordEvent({ type: "signup", userId: account.userId, ...meta });
  await startEmailVerification(mailDeps(), { id: account.userId, email });
  return { ok: true };
}
