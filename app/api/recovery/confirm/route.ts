import { ERRORS } from "@/lib/errors";
import { fail, ok, publicRoute, refused } from "@/lib/http";
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "@/lib/http/challenge-cookie";
import { confirmRecoveryPhone } from "@/lib/steps/recover-account";
import { recoveryConfirmSchema } from "@/lib/validation/recovery";

// The new number's code: the waiting period begins, and the old phone and the address are told.
export const POST = publicRoute(
  { schema: recoveryConfirmSchema },
  async (ctx, body) => {
    const challengeId = await readChallengeCookie("recovery-phone");
    if (!challengeId) return fail("NO_CHALLENGE");
    const outcome = await confirmRecoveryPhone(ctx, { ...body, challengeId });
    if (!outcome.ok) {
      if (ERRORS[outcome.error].final) await clearChallengeCookie();
      return refused(outcome);
    }
    await clearChallengeCookie();
    return ok({ completesAt: outcome.completesAt.toISOString() });
  },
);
