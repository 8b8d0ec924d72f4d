import { getSessionUser } from "@/lib/auth/session";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { readPhoneChangeCookie } from "@/lib/http/phone-change-cookie";
import { resendPhoneChangeCode } from "@/lib/steps/change-phone";
import { stepDeps } from "@/lib/steps/deps";
import { sendSchema } from "@/lib/validation";

// "Resend code" or "Call me instead" while changing the phone number: to the new number of this
// browser's own challenge, under the send limits of every code.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, sendSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const id = await readPhoneChangeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await resendPhoneChangeCode(
    stepDeps(),
    user.id,
    id,
    parsed.data.channel,
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  return ok({ challenge: outcome.challenge });
});
