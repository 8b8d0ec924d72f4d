import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { mailDeps } from "@/lib/steps/mail-deps";
import { finishPasswordReset } from "@/lib/steps/reset-password";
import { newPasswordSchema } from "@/lib/validation";

// "Set new password": only from the browser whose reset passed its code step (httpOnly cookie).
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, newPasswordSchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const deps = { ...stepDeps(), ...mailDeps() };
  const meta = requestMeta(request);
  const outcome = await finishPasswordReset(
    deps,
    id,
    parsed.data.password,
    meta,
  );
  if (!outcome.ok) return refused(outcome);
  await clearChallengeCookie();
  return ok({ next: "/login?reset=done" });
});
