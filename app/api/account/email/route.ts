import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { apiRequestLocale } from "@/lib/http/locale";
import { requestEmailChange } from "@/lib/steps/change-email";
import { changeEmailSchema } from "@/lib/validation";

// "Change email": the same answer whether or not the new address has an account
// (lib/steps/change-email.ts).
export const POST = signedInRoute(
  {
    schema: changeEmailSchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) =>
    answer(
      await requestEmailChange(ctx, body.newEmail, apiRequestLocale()),
      (o) => ({
        email: o.email,
      }),
    ),
);
