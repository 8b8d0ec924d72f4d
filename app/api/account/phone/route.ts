import { toChallengeView } from "@/lib/challenge/view";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { fail, ok, refused, signedInRoute } from "@/lib/http";
import { setPhoneChangeCookie } from "@/lib/http/phone-change-cookie";
import { apiRequestLocale } from "@/lib/http/locale";
import { startPhoneChange } from "@/lib/steps/change-phone";
import { changePhoneSchema } from "@/lib/validation/phone";

// "Change phone number": a code goes to the new number (or a call, to a landline); this browser
// alone holds the challenge, in its own cookie.
export const POST = signedInRoute(
  {
    schema: changePhoneSchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => {
    // The page's language: for a signed-in person, the saved choice (the cookie carries it).
    const outcome = await startPhoneChange(
      ctx,
      body.phone,
      body.proof,
      apiRequestLocale(),
    );
    if (!outcome.ok) return refused(outcome);
    await setPhoneChangeCookie(outcome.challengeId);
    const challenge = await ctx.store.getChallenge(outcome.challengeId);
    if (!challenge) return fail("NO_CHALLENGE");
    return ok({ challenge: await toChallengeView(challenge) });
  },
);
