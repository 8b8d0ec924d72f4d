import { getSessionUser } from "@/lib/auth/session";
import { secondFactorTime } from "@/lib/auth/sign-in-time";
import { apiHandler, fail, ok, refused, requestMeta } from "@/lib/http";
import { getMessenger } from "@/lib/messaging";
import { removeAuthenticator } from "@/lib/steps/set-up-authenticator";

// "Remove" the authenticator app: needs a second factor passed in the last 10 minutes.
export const POST = apiHandler(async (request) => {
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const outcome = await removeAuthenticator(
    getMessenger(),
    user.id,
    await secondFactorTime(),
    requestMeta(request),
  );
  return outcome.ok ? ok({}) : refused(outcome);
});
