import { answer, fail, publicRoute } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { resendCode } from "@/lib/steps/resend-code";
import { sendSchema } from "@/lib/validation";

// "Resend code" or "Call me instead" for the new number a recovery proves: this browser's only.
export const POST = publicRoute({ schema: sendSchema }, async (ctx, body) => {
  const id = await readChallengeCookie("recovery-phone");
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await resendCode(ctx, id, body.channel);
  return answer(outcome, (o) => ({ challenge: o.challenge }));
});
