import "server-only";
import { recordEvent } from "@/lib/audit";
import { challengePhoneFacts } from "@/lib/challenge/phone-facts";
import { sendCode } from "@/lib/challenge/send";
import { failureClient } from "./factor-outcome";
import { toChallengeView, type ChallengeView } from "@/lib/challenge/view";
import { refuse, type Outcome } from "@/lib/errors";
import type { RequestFacts, StepContext } from "@/lib/context";
import { addressBucket } from "@/lib/limits/address-bucket";
import type { PhoneFacts } from "@/lib/phone/facts";
import { isProvenNumber, type Challenge, type Channel } from "@/lib/store";
import { admitSend, checkSendDestination } from "./message-figures";
import { refusesPhoneCode } from "./text-codes";

/** Whose sends a challenge spends, and whether its phone is an account's verified one. */
function sendTarget(c: Challenge, facts: PhoneFacts, request: RequestFacts) {
  const ofUser = c.purpose !== "signup"; // a sign-in, a reset or a phone change: an account's
  return {
    phone: c.phone,
    facts,
    account: ofUser ? `user:${c.userId}` : `email:${c.pendingEmail}`,
    // A phone change's new number is still being proven: it spends what a sign-up's would.
    verified: isProvenNumber(c.purpose),
    addressBucket: addressBucket(request.ip),
  };
}

/**
 * "Resend code" or "Call me instead", to the phone of this browser's own challenge only: there is
 * no way to name a destination. Two round trips when it goes out: the challenge's issue, the limits.
 */
export async function resendCode(
  ctx: StepContext,
  id: string,
  channel: Channel,
): Promise<Outcome<{ challenge: ChallengeView }>> {
  const { request } = ctx;
  const outcome = await sendCode(ctx, {
    id,
    channel,
    issue: (req) =>
      ctx.store.issueCode(id, { ...req, client: failureClient(ctx) }),
    // An account that refuses text codes is never texted or called: the issue is taken back.
    admit: async (c) => {
      if (await refusesPhoneCode(c)) return refuse("TEXT_CODES_OFF");
      const facts = await challengePhoneFacts(c);
      return (
        (await checkSendDestination(ctx, facts, channel)) ??
        admitSend(ctx, sendTarget(c, facts, request), channel)
      );
    },
  });
  // A cookie naming no challenge reaches no one: auditing it would let anyone write rows at will.
  if (!outcome.ok && outcome.error === "NO_CHALLENGE") return outcome;
  await recordEvent({
    type: "code_sent",
    userId: outcome.ok ? outcome.challenge.userId : null,
    ...request,
    detail: { channel, ok: outcome.ok },
  });
  return outcome.ok
    ? { ok: true, challenge: await toChallengeView(outcome.challenge) }
    : outcome;
}
