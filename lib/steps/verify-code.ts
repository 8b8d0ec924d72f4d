import "server-only";
import { createAccount, findAccountCreatedWith } from "@/lib/account/records";
import { recordEvent } from "@/lib/audit";
import { checkCode } from "@/lib/challenge/verify";
import type { StepContext } from "@/lib/context";
import { refuse, type Outcome, type Refusal } from "@/lib/errors";
import type { Challenge, ChallengePurpose } from "@/lib/store";
import { countFactorFailure, failureClient } from "./factor-outcome";
import { refusesPhoneCode } from "./text-codes";
import { keepAddressBounded } from "./unconfirmed-accounts";
import { startEmailVerification } from "./verify-email";

/** A refusal after which the challenge no longer exists (its sign-up lost a race for the phone). */
export type VerifyOutcome = Outcome | (Refusal & { challengeDeleted: true });

/** A second factor passed, on a challenge started for `purpose`. */
export type Passed = { ok: true; purpose: ChallengePurpose };

/**
 * The code step: check the code (one atomic round trip that also keeps the account's failures in a
 * row), count a wrong one (./factor-outcome.ts), and for a sign-up create the account now that the
 * phone is proven. Success leaves the challenge verified for next-auth to redeem into a session.
 */
export async function checkPhoneCode(
  ctx: StepContext,
  id: string,
  code: string,
): Promise<Passed | Exclude<VerifyOutcome, { ok: true }>> {
  const result = await checkCode(
    ctx.store,
    id,
    code,
    ctx.now(),
    failureClient(ctx),
  );
  if (result.ok) {
    // A code texted before the person turned text codes off opens nothing once they have: the
    // challenge it passed is ended before anything can redeem it.
    if (await refusesPhoneCode(result.challenge)) {
      await ctx.store.deleteChallenge(id);
      return { ...refuse("TEXT_CODES_OFF"), challengeDeleted: true };
    }
    return finishChallenge(ctx, result.challenge);
  }
  const { challenge } = result;
  // Verified, but the account insert failed (a database fault): finish it now.
  if (result.error === "ALREADY_VERIFIED" && challenge && !challenge.userId)
    return finishChallenge(ctx, challenge);
  return countFactorFailure(ctx, result, { userId: result.userId });
}

/** The code step, answering only whether it passed. */
export async function verifyCodeStep(
  ctx: StepContext,
  id: string,
  code: string,
): Promise<VerifyOutcome> {
  const outcome = await checkPhoneCode(ctx, id, code);
  return outcome.ok ? { ok: true } : outcome;
}

async function finishChallenge(
  ctx: StepContext,
  c: Challenge,
): Promise<Passed | Exclude<VerifyOutcome, { ok: true }>> {
  const passed = { ok: true, purpose: c.purpose } as const;
  if (c.purpose !== "signup" || c.userId) return passed;
  const { pendingEmail: email, pendingPasswordHash: passwordHash } = c;
  if (!email || !passwordHash) return refuse("NO_CHALLENGE");
  const { phone, locale } = c;
  const account = await createAccount({ email, passwordHash, phone, locale });
  if (!account.ok) {
    // A second verify racing the first finds the account the first one created: that is ours.
    const ours = await findAccountCreatedWith(email, passwordHash);
    if (ours) {
      await ctx.store.setUserId(c.id, ours);
      return passed;
    }
    await ctx.store.deleteChallenge(c.id);
    return { ...refuse(account.error), challengeDeleted: true };
  }
  await ctx.store.setUserId(c.id, account.userId);
  await recordEvent({ type: "signup", userId: account.userId, ...ctx.request });
  // The same reply, after the same work, whether the address is new, waited for by other sign-ups
  // or proven by an account: what differs (the email, the oldest sign-up past the bound) is after
  // the reply.
  // In the language the sign-up was read in, which the account now saves.
  await startEmailVerification(ctx, { id: account.userId, email, locale });
  await ctx.later("sign-ups for one address", () =>
    keepAddressBounded({ ...ctx, later: run }, email),
  );
  return passed;
}

/** Already after the reply: what follows runs in the same task. */
const run = async (_: string, task: () => Promise<void>) => task();
