import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { signOutEverywhereElse } from "@/lib/steps/manage-sessions";

// "Sign out everywhere else": every session of the account but this browser's ends.
export const POST = signedInRoute(
  {
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx) =>
    answer(await signOutEverywhereElse(ctx), (o) => ({ ended: o.ended })),
);
