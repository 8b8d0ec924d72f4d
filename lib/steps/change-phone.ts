import "server-only";
import { findVerifiedPhone } from "@/lib/account/phone";
import { toChallengeView, type ChallengeView } from "@/lib/challenge/view";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import type { AccountContext } from "@/lib/context";
import type { Locale } from "@/lib/i18n/locales";
import { checkProofOfWork } from "@/lib/proof-of-work";
import type { Channel, ChallengeStore } from "@/lib/store";
import { resendCode } from "./resend-code";
import { startCodeStep, type FirstSend } from "./start-code-step";

// "Change phone number" (NIST SP 800-63B-4 §4.1.2: a new number is a new authenticator to bind).
// A person with a fresh second factor (its route declares it) names a new number; a code goes to it under the same
// destination rules and send limits as a sign-up's, and nothing changes until that code is proven
// (confirm-phone-change.ts). Whether another account holds the number is not looked at here: the
// first steps answer alike for every number, so they tell nobody whose number it is.

/**
 * Sends the first code to the new number, in `locale`; the challenge's failures count toward the
 * account's.
 */
export async function startPhoneChange(
  ctx: AccountContext,
  phone: string,
  proof?: string,
  locale: Locale | null = null,
): Promise<FirstSend> {
  const userId = ctx.user.id;
  if ((await findVerifiedPhone(userId)) === phone)
    return refuse("SAME_PHONE", {
      fields: { phone: ERRORS.SAME_PHONE.message },
    });
  // A number still being proven gets a text: the browser proves its work first, as at sign-up.
  const unproven = await checkProofOfWork(ctx, proof, "phone-change");
  if (unproven) return unproven;
  return startCodeStep(ctx, {
    purpose: "phone-change",
    account: `user:${userId}`,
    userId,
    pending: null,
    phone,
    locale,
  });
}

/** "Resend code" or "Call me instead", only for this person's own phone-change challenge. */
export async function resendPhoneChangeCode(
  ctx: AccountContext,
  id: string,
  channel: Channel,
): Promise<Outcome<{ challenge: ChallengeView }>> {
  if (!(await findPhoneChange(ctx.store, ctx.user.id, id)))
    return refuse("NO_CHALLENGE");
  return resendCode(ctx, id, channel);
}

/** Where this person's own phone-change code stands (its text's delivery, say), while it is open. */
export async function readPhoneChange(
  store: ChallengeStore,
  userId: string,
  id: string,
): Promise<Outcome<{ challenge: ChallengeView }>> {
  const challenge = await findPhoneChange(store, userId, id);
  if (!challenge || challenge.status === "verified")
    return refuse("NO_CHALLENGE");
  return { ok: true, challenge: await toChallengeView(challenge) };
}

async function findPhoneChange(
  store: ChallengeStore,
  userId: string,
  id: string,
) {
  const challenge = await store.getChallenge(id);
  return challenge?.purpose === "phone-change" && challenge.userId === userId
    ? challenge
    : null;
}
