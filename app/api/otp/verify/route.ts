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
  if ("challengeDeleted" in outcome) await clearChallengeCookie();
  return refused(outcome);
});
