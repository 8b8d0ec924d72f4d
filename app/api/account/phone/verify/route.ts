import { ERRORS } from "@/lib/errors";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { fail, ok, refused, signedInRoute } from "@/lib/http";
import {
  clearPhoneChangeCookie,
  readPhoneChangeCookie,
} from "@/lib/http/phone-change-cookie";
import { confirmPhoneChange } from "@/lib/steps/confirm-phone-change";
import { confirmPhoneSchema } from "@/lib/validation";

// The code sent to the new number: once it is proven the number on file changes; what follows is
// the security-change table's "phone_changed" row (other sessions end, this one stays).
export const POST = signedInRoute(
  {
    schema: confirmPhoneSchema,
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => {
    const id = await readPhoneChangeCookie();
    if (!id) return fail("NO_CHALLENGE");
    const outcome = await confirmPhoneChange(ctx, id, body.code);
    if (!outcome.ok) {
      if (ERRORS[outcome.error].final) await clearPhoneChangeCookie();
      return refused(outcome);
    }
    await clearPhoneChangeCookie();
    return ok({ maskedPhone: outcome.maskedPhone });
  },
);
