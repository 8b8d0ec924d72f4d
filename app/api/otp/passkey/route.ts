import { apiHandler, fail, ok, refused } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { stepDeps } from "@/lib/steps/deps";
import { startPasskeyStep } from "@/lib/steps/verify-passkey";

// "Use a passkey": the options the browser asks the passkey with, bound to this browser's step.
export const POST = apiHandler(async () => {
  const id = await readChallengeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await startPasskeyStep(stepDeps(), id);
  if (!outcome.ok) return refused(outcome);
  return ok(
    { options: outcome.options },
    { headers: { "cache-control": "no-store" } },
  );
});
