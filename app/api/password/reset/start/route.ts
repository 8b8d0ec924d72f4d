import { apiHandler, ok, parseBody, refused, requestMeta } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { startPasswordReset } from "@/lib/steps/reset-password";
import { emailLinkSchema } from "@/lib/validation";

// A reset link's "Continue": spends the link and starts the account's code step in this browser.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, emailLinkSchema);
  if ("reply" in parsed) return parsed.reply;
  const meta = requestMeta(request);
  const outcome = await startPasswordReset(stepDeps(), parsed.data.token, meta);
  if (!outcome.ok) return refused(outcome);
  await setChallengeCookie(outcome.challengeId);
  const { delivery, channel } = outcome;
  return ok({ next: "/verify", delivery, channel });
});
