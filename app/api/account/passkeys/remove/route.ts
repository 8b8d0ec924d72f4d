import { getSessionUser } from "@/lib/auth/session";
import { endOtherSessions, secondFactorTime } from "@/lib/auth/sign-in-time";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { noticeDeps } from "@/lib/notices/notify";
import { removePasskey } from "@/lib/steps/manage-passkeys";
import { removePasskeySchema } from "@/lib/validation/passkeys";

// "Remove" a passkey: needs a second factor passed in the last 10 minutes.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, removePasskeySchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await removePasskey(
    noticeDeps(),
    user.id,
    parsed.data.id,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  await endOtherSessions(user.id);
  return ok({});
});
