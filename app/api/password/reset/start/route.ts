import { ok, publicRoute, refused } from "@/lib/http";
import { setChallengeCookie } from "@/lib/http/challenge-cookie";
import { startPasswordReset } from "@/lib/steps/reset-password";
import { emailLinkSchema } from "@/lib/validation";

// A reset link's "Continue": spends the link and starts the account's code step in this browser.
export const POST = publicRoute(
  { schema: emailLinkSchema },
  async (ctx, body) => {
    const outcome = await startPasswordReset(ctx, body.token);
    if (!outcome.ok) return refused(outcome);
    await setChallengeCookie(outcome.challengeId);
    const { delivery, channel } = outcome;
    return ok({ next: "/verify", delivery, channel });
  },
);
