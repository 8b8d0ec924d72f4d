import { ok, publicRoute, refused } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { readDeviceCookie } from "@/lib/http/device-cookie";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { loginSchema } from "@/lib/validation";

export const POST = publicRoute({ schema: loginSchema }, async (ctx, body) => {
  const deviceToken = await readDeviceCookie();
  const outcome = await checkPasswordStep(ctx, { ...body, deviceToken });
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  // A remembered device completed the second factor: the page signs in without the code step.
  const signIn = "deviceRemembered" in outcome ? { signIn: true } : {};
  return ok({ next: "/verify", delivery, channel, ...signIn });
});
