import "server-only";
import { findVerifiedPhone } from "@/lib/account/phone";
import type { SendDeps } from "@/lib/challenge/send";
import { toChallengeView, type ChallengeView } from "@/lib/challenge/view";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import { isFreshSecondFactor } from "@/lib/factors/policy";
import type { RequestMeta } from "@/lib/http/request-meta";
import { firstChannel } from "@/lib/limits/destination";
import type { Channel, ChallengeStore } from "@/lib/store";
import { resendCode } from "./resend-code";
import { startCodeStep, type FirstSend } from "./start-code-step";

// "Change phone number" (NIST SP 800-63B-4 §4.1.2: a new number is a new authenticator to bind).
// A person with a fresh second factor names a new number; a code goes to it under the same
// destination rules and send limits as a sign-up's, and nothing changes until that code is proven
// (confirm-phone-change.ts). Whether another account holds the number is not looked at here: the
// first steps answer alike for every number, so they tell nobody whose number it is.

/** Sends the first code to the new number; the challenge's failures count toward the account's. */
export async function startPhoneChange(
  deps: SendDeps,
  userId: string,
  phone: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
): Promise<FirstSend> {
  if (!isFreshSecondFactor(secondFactorAt, deps.now))
    return refuse("REAUTH_REQUIRED");
  if ((await findVerifiedPhone(userId)) === phone)
    return refuse("SAME_PHONE", {
      fields: { phone: ERRORS.SAME_PHONE.message },
    });
  return startCodeStep(
    deps,
    {
      purpose: "phone-change",
      account: `user:${userId}`,
      userId,
      pending: null,
      phone,
      channel: firstChannel(phone), // a landline gets its first code by call
    },
    meta,
  );
}

/** "Resend code" or "Call me instead", only for this person's own phone-change challenge. */
export async function resendPhoneChangeCode(
  deps: SendDeps,
  userId: string,
  id: string,
  channel: Channel,
  meta: RequestMeta,
): Promise<Outcome<{ challenge: ChallengeView }>> {
  if (!(await findPhoneChange(deps.store, userId, id)))
    return refuse("NO_CHALLENGE");
  return resendCode(deps, id, channel, meta);
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
  return { ok: true, challenge: toChallengeView(challenge) };
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
