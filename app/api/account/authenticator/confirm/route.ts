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
import { turnOnAuthenticator } from "@/lib/steps/set-up-authenticator";
import { turnOnSchema } from "@/lib/validation";

// "Turn on": the app being set up counts from now on, if the code it shows is right and the second
// factor was passed in the last 10 minutes; the person's other sessions end (and lib/factors forgets their remembered devices).
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, turnOnSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user?.email) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await turnOnAuthenticator(
    noticeDeps(),
    { id: user.id, email: user.email },
    parsed.data.code,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  await endOtherSessions(user.id);
  return ok({});
});
