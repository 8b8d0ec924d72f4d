import { getSessionUser } from "@/lib/auth/session";
import { secondFactorTime } from "@/lib/auth/sign-in-time";
import { getEnv } from "@/lib/env";
import { apiHandler, fail, ok, refused } from "@/lib/http";
import { startAddingPasskey } from "@/lib/steps/manage-passkeys";

// "Add a passkey": the options the browser creates the passkey with; needs a second factor passed
// in the last 10 minutes.
export const POST = apiHandler(async () => {
  const user = await getSessionUser();
  if (!user?.email) return fail("NOT_SIGNED_IN");
  const outcome = await startAddingPasskey(
    getEnv().appUrl,
    { id: user.id, email: user.email },
    await secondFactorTime(),
  );
  if (!outcome.ok) return refused(outcome);
  return ok(
    { options: outcome.options },
    { headers: { "cache-control": "no-store" } },
  );
});
