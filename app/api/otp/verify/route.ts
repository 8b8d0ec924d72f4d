import { rememberThisBrowser } from "@/app/api/otp/remember-browser";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { verifyCodeStep } from "@/lib/steps/verify-code";
import { verifyFactorStep } from "@/lib/steps/verify-factor";
import { verifySchema } from "@/lib/validation";

// The second-factor step: a phone code by default; `factor` "totp" or "recovery" for an
// authenticator code or a recovery code, on the same challenge. With `remember`, a success also
// remembers this browser (a device cookie) so its next password step skips the second factor.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, verifySchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const meta = requestMeta(request);
  const { code, factor, remember } = parsed.data;
  const deps = stepDeps();
  const outcome =
    factor === "phone"
      ? await verifyCodeStep(deps.store, id, code, meta)
      : await verifyFactorStep(deps, id, factor, code, meta);
  if (outcome.ok && remember) await rememberThisBrowser(deps.store, id, meta);
  if (outcome.ok)
    return ok(
      "recoveryCodesLeft" in outcome
        ? { recoveryCodesLeft: outcome.recoveryCodesLeft }
        : {},
    );
  if ("challengeDeleted" in outcome) await clearChallengeCookie();
  return refused(outcome);
});
