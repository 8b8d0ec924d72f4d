import { rememberThisBrowser } from "@/app/api/otp/remember-browser";
import { fail, ok, publicRoute, refused } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { nextAfterSecondFactor } from "@/lib/http/next-step";
import { verifySecondFactor } from "@/lib/steps/verify-second-factor";
import { usePasskeySchema } from "@/lib/validation/passkeys";

// The second-factor step by a passkey, on the same challenge as a code. With `remember`, a success
// also remembers this browser, as the code step does; the reply says where the browser goes next.
export const POST = publicRoute(
  { schema: usePasskeySchema },
  async (ctx, body) => {
    const id = await readChallengeCookie("code-step");
    if (!id) return fail("NO_CHALLENGE");
    const { response, remember, callbackUrl } = body;
    const outcome = await verifySecondFactor(ctx, id, {
      factor: "passkey",
      response,
    });
    if (!outcome.ok) return refused(outcome);
    if (remember) await rememberThisBrowser(ctx, id);
    return ok(nextAfterSecondFactor(outcome.purpose, callbackUrl));
  },
);
