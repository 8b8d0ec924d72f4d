import { answer, NO_STORE, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { startAuthenticatorSetup } from "@/lib/steps/set-up-authenticator";

// "Set up authenticator app": a new secret, as a QR code and as text; not in use until "Turn on".
export const POST = signedInRoute(
  {
    needsEmail: true,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx) =>
    answer(
      await startAuthenticatorSetup(ctx),
      ({ setupKey, qrCode }) => ({ setupKey, qrCode }),
      NO_STORE,
    ),
);
