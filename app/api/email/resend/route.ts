import { answer, signedInRoute } from "@/lib/http";
import { apiRequestLocale } from "@/lib/http/locale";
import { resendVerificationEmail } from "@/lib/steps/verify-email";
import { emptySchema } from "@/lib/validation";

// "Resend verification email" on the account page, for the signed-in person's own address.
export const POST = signedInRoute({ schema: emptySchema }, async (ctx) =>
  answer(await resendVerificationEmail(ctx, ctx.user.id, apiRequestLocale())),
);
