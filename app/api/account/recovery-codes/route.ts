import { getSessionUser } from "@/lib/auth/session";
import { apiHandler, fail, ok, refused, requestMeta } from "@/lib/http";
import { getMessenger } from "@/lib/messaging";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";

// "Generate recovery codes": a new set, in the reply only (never stored or shown again).
export const POST = apiHandler(async (request) => {
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const outcome = await generateRecoveryCodeSet(
    getMessenger(),
    user.id,
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  return ok(
    { codes: outcome.codes },
    { headers: { "cache-control": "no-store" } },
  );
});
