import { toChallengeView } from "@/lib/challenge/view";
import { fail, ok, publicRoute, refused } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { startRecoveryPhone } from "@/lib/steps/recover-account";
import { recoveryPhoneSchema } from "@/lib/validation/recovery";

// The recovery link's page names a new number: a code goes to it (a call to a landline), and this
// browser alone holds the challenge.
export const POST = publicRoute(
  { schema: recoveryPhoneSchema },
  async (ctx, body) => {
    const outcome = await startRecoveryPhone(ctx, body);
    if (!outcome.ok) return refused(outcome);
    await setChallengeCookie(outcome.challengeId);
    const challenge = await ctx.store.getChallenge(outcome.challengeId);
    if (!challenge) return fail("NO_CHALLENGE");
    return ok({ challenge: await toChallengeView(challenge, ctx.now()) });
  },
);
