import { getSessionUser } from "@/lib/auth/session";
import { apiHandler, fail, ok, parseBody, refused } from "@/lib/http";
import { mailDeps } from "@/lib/steps/mail-deps";
import { resendVerificationEmail } from "@/lib/steps/verify-email";
import { emptySchema } from "@/lib/validation";

// "Resend verification email" on the account page, for the signed-in person's own address.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, emptySchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const outcome = await resendVerificationEmail(mailDeps(), user.id);
  if (!outcome.ok) return refused(outcome);
  return ok({});
});
