import { answer, signedInRoute } from "@/lib/http";
import { confirmEmail } from "@/lib/steps/verify-email";
import { emailLinkSchema } from "@/lib/validation";

// A verification link's "Confirm": in a browser signed in to the account it was sent for, so the
// link (the mailbox) and the session (the password and phone) prove one person. Whoever reads an
// email they did not ask for cannot confirm someone else's sign-up with it.
export const POST = signedInRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => answer(await confirmEmail(ctx, body.token)),
);
