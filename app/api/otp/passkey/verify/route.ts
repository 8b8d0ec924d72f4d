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
import { usePasskeySchema } from "@/lib/validation-passkeys";

// The second-factor step by a passkey, on the same challenge as a code.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, usePasskeySchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await verifyPasskeyStep(
    stepDeps(),
    id,
    parsed.data.response,
    requestMeta(request),
  );
  return outcome.ok ? ok({}) : refused(outcome);
});
