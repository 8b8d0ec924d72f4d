import { getSessionUser } from "@/lib/auth/session";
import { endOtherSessions, secondFactorTime } from "@/lib/auth/sign-in-time";
import { getEnv } from "@/lib/env";
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
import { finishAddingPasskey } from "@/lib/steps/manage-passkeys";
import { addPasskeySchema } from "@/lib/validation/passkeys";

// The passkey the browser created, saved under its name if its response verifies and the second
// factor was passed in the last 10 minutes.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, addPasskeySchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user?.email) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await finishAddingPasskey(
    noticeDeps(),
    getEnv().appUrl,
    { id: user.id, email: user.email },
    parsed.data,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  await endOtherSessions(user.id);
  return ok({});
});
