import { rememberThisBrowser } from "@/app/api/otp/remember-browser";
import { fail, ok, publicRoute, refused } from "@/lib/http";
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "@/lib/http/challenge-cookie";
import { nextAfterSecondFactor } from "@/lib/http/next-step";
import { verifySecondFactor } from "@/lib/steps/verify-second-factor";
import { verifySchema } from "@/lib/validation";

// The second-factor step: a phone code by default; `factor` "totp" or "recovery" for an
// authenticator code or a recovery code, on the same challenge. With `remember`, a success also
// remembers this browser (a device cookie) so its next password step skips the second factor. The
// reply says where the browser goes next, and whether it first signs in (lib/http/next-step.ts).
export const POST = publicRoute({ schema: verifySchema }, async (ctx, body) => {
  const id = await readChallengeCookie("code-step");
  if (!id) return fail("NO_CHALLENGE");
  const { code, factor, remember, callbackUrl } = body;
  const outcome = await verifySecondFactor(ctx, id, { factor, code });
  if (!outcome.ok) {
    if ("challengeDeleted" in outcome) await clearChallengeCookie();
    return refused(outcome);
  }
  if (remember) await rememberThisBrowser(ctx, id);
  const { recoveryCodesLeft } = outcome;
  return ok({
    ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }),
    ...nextAfterSecondFactor(outcome.purpose, callbackUrl),
  });
});
