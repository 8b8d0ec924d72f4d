import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { loginSchema } from "@/lib/validation";

export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, loginSchema);
  if ("reply" in parsed) return parsed.reply;
  const meta = requestMeta(request);
  const outcome = await checkPasswordStep(stepDeps(), parsed.data, meta);
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  return ok({ next: "/verify", delivery, channel });
});
