import { ok, publicRoute, refused } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { apiRequestLocale } from "@/lib/http/locale";
import { signUp } from "@/lib/steps/sign-up";
import { signupSchema } from "@/lib/validation/phone";

export const POST = publicRoute({ schema: signupSchema }, async (ctx, body) => {
  // The language the sign-up is read in goes with it: its texts, then the account's saved choice.
  const outcome = await signUp(ctx, { ...body, locale: apiRequestLocale() });
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  return ok({ next: "/verify", delivery, channel });
});
