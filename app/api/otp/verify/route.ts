import { ERRORS } from "@/lib/errors";
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
import { verifyCodeStep } from "@/lib/steps/verify-code";
import { getChallengeStore } from "@/lib/store";
import { verifySchema } from "@/lib/validation";

export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, verifySchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const meta = requestMeta(request);
  const outcome = await verifyCodeStep(
    getChallengeStore(),
    id,
    parsed.data.code,
    meta,
  );
  if (outcome.ok) return ok({});
  // A step that cannot go on leaves nothing in the browser to retry with.
  if (ERRORS[outcome.error].final) await clearChallengeCookie();
  return refused(outcome);
});
