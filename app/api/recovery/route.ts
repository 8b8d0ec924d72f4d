import { answer, fail, publicRoute } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { apiRequestLocale } from "@/lib/http/locale";
import { askRecovery } from "@/lib/steps/recover-account";

// "Lost your phone and codes?" on the code step: a link to the account's verified address, for
// this browser's sign-in only (its password step passed).
export const POST = publicRoute({}, async (ctx) => {
  const id = await readChallengeCookie("recovery-start");
  if (!id) return fail("NO_CHALLENGE");
  return answer(await askRecovery(ctx, id, apiRequestLocale()));
});
