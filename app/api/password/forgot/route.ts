import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { requestPasswordReset } from "@/lib/steps/forgot-password";
import { mailDeps } from "@/lib/steps/mail-deps";
import { forgotPasswordSchema } from "@/lib/validation";

// The same answer for every address (lib/steps/forgot-password.ts); only limits can refuse.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, forgotPasswordSchema);
  if ("reply" in parsed) return parsed.reply;
  const { email } = parsed.data;
  const meta = requestMeta(request);
  const outcome = await requestPasswordReset(mailDeps(), email, meta);
  if (!outcome.ok) return refused(outcome);
  return ok({});
});
