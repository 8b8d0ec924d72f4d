import { getSessionUser } from "@/lib/auth/session";
import { endOtherSessions, secondFactorTime } from "@/lib/auth/sign-in-time";
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
  clearPhoneChangeCookie,
  readPhoneChangeCookie,
} from "@/lib/http/phone-change-cookie";
import { confirmPhoneChange } from "@/lib/steps/confirm-phone-change";
import { stepDeps } from "@/lib/steps/deps";
import { mailDeps } from "@/lib/steps/mail-deps";
import { confirmPhoneSchema } from "@/lib/validation";

// The code sent to the new number: once it is proven the number on file changes, and, as after
// every change of a factor, the person's other sessions end while this one stays.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, confirmPhoneSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const id = await readPhoneChangeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await confirmPhoneChange(
    { ...stepDeps(), ...mailDeps() },
    user.id,
    id,
    parsed.data.code,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) {
    if (ERRORS[outcome.error].final) await clearPhoneChangeCookie();
    return refused(outcome);
  }
  await clearPhoneChangeCookie();
  await endOtherSessions(user.id);
  return ok({ maskedPhone: outcome.maskedPhone });
});
