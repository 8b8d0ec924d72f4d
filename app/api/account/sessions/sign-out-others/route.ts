import { getSessionUser } from "@/lib/auth/session";
import { currentSessionId, secondFactorTime } from "@/lib/auth/sign-in-time";
import { apiHandler, fail, ok, refused, requestMeta } from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { signOutEverywhereElse } from "@/lib/steps/manage-sessions";

// "Sign out everywhere else": every session of the account but this browser's ends; needs a second
// factor passed in the last 10 minutes.
export const POST = apiHandler(async (request) => {
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await signOutEverywhereElse(
    user.id,
    await currentSessionId(),
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  return ok({ ended: outcome.ended });
});
