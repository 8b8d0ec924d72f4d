import { getSessionUser } from "@/lib/auth/session";
import { secondFactorTime } from "@/lib/auth/sign-in-time";
import { apiHandler, fail, ok, parseBody, refused } from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { requestEmailChange } from "@/lib/steps/change-email";
import { mailDeps } from "@/lib/steps/mail-deps";
import { changeEmailSchema } from "@/lib/validation";

// "Change email": needs a second factor passed in the last 10 minutes; the same answer whether or
// not the new address has an account (lib/steps/change-email.ts).
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, changeEmailSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await requestEmailChange(
    mailDeps(),
    user.id,
    parsed.data.newEmail,
    await secondFactorTime(),
  );
  if (!outcome.ok) return refused(outcome);
  return ok({ email: outcome.email });
});
