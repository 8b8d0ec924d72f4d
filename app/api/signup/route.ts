import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { signUp } from "@/lib/steps/sign-up";
import { signupSchema } from "@/lib/validation";

export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, signupSchema);
  if ("reply" in parsed) return parsed.reply;
  const outcome = await signUp(stepDeps(), parsed.data, requestMeta(request));
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  return ok({ next: "/verify", delivery, channel });
});
