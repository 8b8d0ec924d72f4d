import { ok, publicRoute, refused } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { nextAfterSecondFactor } from "@/lib/http/next-step";
import { checkPasskeySignIn } from "@/lib/steps/passkey-sign-in";
import { passkeySignInSchema } from "@/lib/validation/passkeys";

// A passkey alone: its completed challenge goes into the challenge cookie, and the page asks
// next-auth to redeem it exactly as after a code step.
export const POST = publicRoute(
  { schema: passkeySignInSchema },
  async (ctx, body) => {
    const outcome = await checkPasskeySignIn(ctx, body.response);
    if (!outcome.ok) return refused(outcome);
    await setChallengeCookie(outcome.challengeId);
    return ok(nextAfterSecondFactor("passkey", body.callbackUrl));
  },
);
