import { ok, publicRoute, refused } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { signUp } from "@/lib/steps/sign-up";
import { signupSchema } from "@/lib/validation";

export const POST = publicRoute({ schema: signupSchema }, async (ctx, body) => {
  const outcome = await signUp(ctx, body);
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  return ok({ next: "/verify", delivery, channel });
});
