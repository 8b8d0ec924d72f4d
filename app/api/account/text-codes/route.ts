import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { chooseTextCodes } from "@/lib/steps/text-codes";
import { textCodesSchema } from "@/lib/validation";

// "Don't accept text-message codes", on or off; what follows is the security-change table's
// "text_codes_turned_off" or "text_codes_turned_on" row.
export const POST = signedInRoute(
  {
    schema: textCodesSchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) =>
    answer(await chooseTextCodes(ctx, body.off), ({ textCodesOff }) => ({
      textCodesOff,
    })),
);
