import { answer, NO_STORE, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { startAddingPasskey } from "@/lib/steps/manage-passkeys";

// "Add a passkey": the options the browser creates the passkey with.
export const POST = signedInRoute(
  {
    needsEmail: true,
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx) =>
    answer(
      await startAddingPasskey(ctx),
      (o) => ({ options: o.options }),
      NO_STORE,
    ),
);
