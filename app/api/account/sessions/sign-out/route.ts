import { getSessionUser } from "@/lib/auth/session";
import { currentSessionId, secondFactorTime } from "@/lib/auth/sign-in-time";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { signOutDevice } from "@/lib/steps/manage-sessions";
import { signOutDeviceSchema } from "@/lib/validation";

// "Sign out" on one signed-in device: needs a second factor passed in the last 10 minutes. When it
// is this browser's own session, the reply says so and the page finishes signing out here.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, signOutDeviceSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const outcome = await signOutDevice(
    user.id,
    parsed.data.id,
    await currentSessionId(),
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  return ok({ current: outcome.current });
});
