import { answer, publicRoute } from "@/lib/http";
import { cancelEmailChangeByLink } from "@/lib/steps/cancel-email-change";
import { emailLinkSchema } from "@/lib/validation";

// The cancel link mailed to the current address: no session needed (the owner may be locked out of
// it), and it answers only whether the change was cancelled; no session, no cookie.
export const POST = publicRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => answer(await cancelEmailChangeByLink(ctx, body.token)),
);
