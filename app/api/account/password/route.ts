import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { changePassword } from "@/lib/steps/change-password";
import { changePasswordSchema } from "@/lib/validation";

// "Change password"; what follows is the security-change table's "password_changed" row (every
// other session of the person ends, this one stays).
export const POST = signedInRoute(
  {
    schema: changePasswordSchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => answer(await changePassword(ctx, body)),
);
