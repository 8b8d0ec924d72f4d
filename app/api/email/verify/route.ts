import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { confirmEmail } from "@/lib/steps/verify-email";
import { emailLinkSchema } from "@/lib/validation";

// A verification link's "Confirm": no session needed, the link may be opened on another device.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, emailLinkSchema);
  if ("reply" in parsed) return parsed.reply;
  const outcome = await confirmEmail(parsed.data.token, requestMeta(request));
  if (!outcome.ok) return refused(outcome);
  return ok({});
});
