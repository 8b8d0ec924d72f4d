import { toChallengeView } from "@/lib/challenge/view";
import { apiHandler, fail, ok } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

// The code page polls this while a text is on its way, to show "Delivered" or offer a call at
// once when it failed. It reads only this browser's own challenge (httpOnly cookie).
export const GET = apiHandler(async () => {
  const id = await readChallengeCookie("code-step");
  const challenge = id ? await getChallengeStore().getChallenge(id) : null;
  if (!challenge || challenge.status === "verified")
    return fail("NO_CHALLENGE");
  return ok(
    { challenge: await toChallengeView(challenge) },
    { headers: { "cache-control": "no-store" } },
  );
});
