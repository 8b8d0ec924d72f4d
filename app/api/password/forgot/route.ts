import { answer, publicRoute } from "@/lib/http";
import { apiRequestLocale } from "@/lib/http/locale";
import { requestPasswordReset } from "@/lib/steps/forgot-password";
import { forgotPasswordSchema } from "@/lib/validation";

// The same answer for every address (lib/steps/forgot-password.ts); only limits can refuse.
export const POST = publicRoute(
  { schema: forgotPasswordSchema },
  async (ctx, body) =>
    answer(await requestPasswordReset(ctx, body.email, apiRequestLocale())),
);
