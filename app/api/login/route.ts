import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { readDeviceCookie } from "@/lib/http/device-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { loginSchema } from "@/lib/validation";

export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, loginSchema);
  if ("reply" in parsed) return parsed.reply;
  const meta = requestMeta(request);
  const deviceToken = await readDeviceCookie();
  const outcome = await checkPasswordStep(
    stepDeps(),
    { ...parsed.data, deviceToken },
    meta,
  );
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  // A remembered device completed the second factor: the page signs in without the code step.
  const signIn = "deviceRemembered" in outcome ? { signIn: true } : {};
  return ok({ next: "/verify", delivery, channel, ...signIn });
});
