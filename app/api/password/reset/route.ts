import { fail, ok, publicRoute, refused } from "@/lib/http";
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "@/lib/http/challenge-cookie";
import { finishPasswordReset } from "@/lib/steps/reset-password";
import { newPasswordSchema } from "@/lib/validation";

// "Set new password": only from the browser whose reset passed its code step (httpOnly cookie).
export const POST = publicRoute(
  { schema: newPasswordSchema },
  async (ctx, body) => {
    const id = await readChallengeCookie("new-password");
    if (!id) return fail("NO_CHALLENGE");
    const outcome = await finishPasswordReset(ctx, id, body.password);
    if (!outcome.ok) return refused(outcome);
    await clearChallengeCookie();
    return ok({ next: "/login?reset=done" });
  },
);
