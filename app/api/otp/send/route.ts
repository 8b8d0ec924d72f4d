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
import { resendCode } from "@/lib/steps/resend-code";
import { sendSchema } from "@/lib/validation";

export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, sendSchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const meta = requestMeta(request);
  const outcome = await resendCode(stepDeps(), id, parsed.data.channel, meta);
  if (!outcome.ok) return refused(outcome);
  return ok({ challenge: outcome.challenge });
});
