import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { removeAuthenticator } from "@/lib/steps/set-up-authenticator";

// "Remove" the authenticator app; what follows is the security-change table's
// "authenticator_removed" row.
export const POST = signedInRoute(
  {
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx) => answer(await removeAuthenticator(ctx)),
);
