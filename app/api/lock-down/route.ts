import { answer, publicRoute } from "@/lib/http";
import { lockDownByLink } from "@/lib/steps/lock-down";
import { emailLinkSchema } from "@/lib/validation";

// A notice's "This wasn't me" link, confirmed by a press on /lock-down (never by opening the link):
// it locks the account down, once, and signs no one in.
export const POST = publicRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => answer(await lockDownByLink(ctx, body.token)),
);
