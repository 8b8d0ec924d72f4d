import { answer, publicRoute } from "@/lib/http";
import { refuseSignUp } from "@/lib/steps/verify-email";
import { emailLinkSchema } from "@/lib/validation";

// "I didn't sign up", the second link of a verification email: no session needed (the reader of
// the mailbox did not sign up). It undoes that sign-up, signs no one in and sets no cookie.
export const POST = publicRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => answer(await refuseSignUp(ctx, body.token)),
);
