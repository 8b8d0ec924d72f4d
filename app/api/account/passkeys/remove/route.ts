import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { removePasskey } from "@/lib/steps/manage-passkeys";
import { removePasskeySchema } from "@/lib/validation/passkeys";

// "Remove" a passkey; what follows is the security-change table's "passkey_removed" row.
export const POST = signedInRoute(
  {
    schema: removePasskeySchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => answer(await removePasskey(ctx, body.id)),
);
