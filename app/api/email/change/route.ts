import { answer, publicRoute } from "@/lib/http";
import { confirmEmailChange } from "@/lib/steps/change-email";
import { emailLinkSchema } from "@/lib/validation";

// A new address's "Confirm": no session needed, the link may be opened on another device; the
// link alone proves the inbox, and its request already passed a fresh second factor.
export const POST = publicRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => answer(await confirmEmailChange(ctx, body.token)),
);
