import { answer, publicRoute } from "@/lib/http";
import { confirmEmail } from "@/lib/steps/verify-email";
import { emailLinkSchema } from "@/lib/validation";

// A verification link's "Confirm": no session needed, the link may be opened on another device.
export const POST = publicRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => answer(await confirmEmail(ctx, body.token)),
);
