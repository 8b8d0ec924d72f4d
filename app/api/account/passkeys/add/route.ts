import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { finishAddingPasskey } from "@/lib/steps/manage-passkeys";
import { addPasskeySchema } from "@/lib/validation/passkeys";

// The passkey the browser created, saved under its name if its response verifies; what follows is
// the security-change table's "passkey_added" row.
export const POST = signedInRoute(
  {
    schema: addPasskeySchema,
    needsEmail: true,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => answer(await finishAddingPasskey(ctx, body)),
);
