import { getSessionUser } from "@/lib/auth/session";
import { secondFactorTime } from "@/lib/auth/sign-in-time";
import { toChallengeView } from "@/lib/challenge/view";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { setPhoneChangeCookie } from "@/lib/http/phone-change-cookie";
import { checkAccountChanges } from "@/lib/limits/decide";
import { startPhoneChange } from "@/lib/steps/change-phone";
import { stepDeps } from "@/lib/steps/deps";
import { changePhoneSchema } from "@/lib/validation";

// "Change phone number": with a second factor from the last 10 minutes, a code goes to the new
// number (or a call, to a landline); this browser alone holds the challenge, in its own cookie.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, changePhoneSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const deps = stepDeps();
  const outcome = await startPhoneChange(
    deps,
    user.id,
    parsed.data.phone,
    await secondFactorTime(),
    requestMeta(request),
  );
  if (!outcome.ok) return refused(outcome);
  await setPhoneChangeCookie(outcome.challengeId);
  const challenge = await deps.store.getChallenge(outcome.challengeId);
  if (!challenge) return fail("NO_CHALLENGE");
  return ok({ challenge: toChallengeView(challenge) });
});
