import { getSessionUser } from "@/lib/auth/session";
import { endOtherSessions, secondFactorTime } from "@/lib/auth/sign-in-time";
import { apiHandler, fail, ok, refused, requestMeta } from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { noticeDeps } from "@/lib/notices/notify";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";

// "Generate recovery codes": a new set, in the reply only (never stored or shown again), only with
// a second factor passed in the last 10 minutes; the person's other sessions end (and lib/factors forgets their remembered devices).
export const POST = apiHandler(async (request) => {
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await generateRecoveryCodeSet(
    noticeDeps(),
    user.id,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  await endOtherSessions(user.id);
  return ok(
    { codes: outcome.codes },
    { headers: { "cache-control": "no-store" } },
  );
});
