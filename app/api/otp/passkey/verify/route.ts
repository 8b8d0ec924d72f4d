import { rememberThisBrowser } from "@/app/api/otp/remember-browser";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { verifyPasskeyStep } from "@/lib/steps/verify-passkey";
import { usePasskeySchema } from "@/lib/validation/passkeys";

// The second-factor step by a passkey, on the same challenge as a code. With `remember`, a success
// also remembers this browser, as the code step does.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, usePasskeySchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const meta = requestMeta(request);
  const { response, remember } = parsed.data;
  const deps = stepDeps();
  const outcome = await verifyPasskeyStep(deps, id, response, meta);
  if (outcome.ok && remember) await rememberThisBrowser(deps.store, id, meta);
  return outcome.ok ? ok({}) : refused(outcome);
});
