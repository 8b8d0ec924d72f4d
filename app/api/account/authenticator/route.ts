import { getSessionUser } from "@/lib/auth/session";
import { secondFactorTime } from "@/lib/auth/sign-in-time";
import { apiHandler, fail, ok, refused } from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { startAuthenticatorSetup } from "@/lib/steps/set-up-authenticator";

// "Set up authenticator app": a new secret, as a QR code and as text; not in use until "Turn on".
// Needs a second factor passed in the last 10 minutes.
export const POST = apiHandler(async () => {
  const user = await getSessionUser();
  if (!user?.email) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await startAuthenticatorSetup(
    { id: user.id, email: user.email },
    await secondFactorTime(),
  );
  if (!outcome.ok) return refused(outcome);
  const { setupKey, qrCode } = outcome;
  return ok({ setupKey, qrCode }, { headers: { "cache-control": "no-store" } });
});
