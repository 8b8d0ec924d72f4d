import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { turnOnAuthenticator } from "@/lib/steps/set-up-authenticator";
import { turnOnSchema } from "@/lib/validation";

// "Turn on": the app being set up counts from now on, if the code it shows is right; what follows
// is the security-change table's "authenticator_added" row.
export const POST = signedInRoute(
  {
    schema: turnOnSchema,
    needsEmail: true,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => answer(await turnOnAuthenticator(ctx, body.code)),
);
