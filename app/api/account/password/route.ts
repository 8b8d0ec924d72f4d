import { getSessionUser } from "@/lib/auth/session";
import { endOtherSessions, secondFactorTime } from "@/lib/auth/sign-in-time";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { noticeDeps } from "@/lib/notices/notify";
import { changePassword } from "@/lib/steps/change-password";
import { changePasswordSchema } from "@/lib/validation";

// "Change password": needs a second factor passed in the last 10 minutes; every other session of
// the person ends, this one stays.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, changePasswordSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await changePassword(
    noticeDeps(),
    user.id,
    parsed.data,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  await endOtherSessions(user.id);
  return ok({});
});
