import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { confirmEmailChange } from "@/lib/steps/change-email";
import { mailDeps } from "@/lib/steps/mail-deps";
import { emailLinkSchema } from "@/lib/validation";

// A new address's "Confirm": no session needed, the link may be opened on another device; the
// link alone proves the inbox, and its request already passed a fresh second factor.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, emailLinkSchema);
  if ("reply" in parsed) return parsed.reply;
  const outcome = await confirmEmailChange(
    mailDeps(),
    parsed.data.token,
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  return ok({});
});
