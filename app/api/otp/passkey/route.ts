import { answer, fail, NO_STORE, publicRoute } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { startPasskeyStep } from "@/lib/steps/verify-passkey";

// "Use a passkey": the options the browser asks the passkey with, bound to this browser's step.
export const POST = publicRoute({}, async (ctx) => {
  const id = await readChallengeCookie("code-step");
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await startPasskeyStep(ctx, id);
  return answer(outcome, (o) => ({ options: o.options }), NO_STORE);
});
