import { toChallengeView } from "@/lib/challenge/view";
import { apiHandler, fail, ok } from "@/lib/http";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

// The recovery's code step polls this while its text is on its way, as the sign-in's does.
export const GET = apiHandler(async () => {
  const id = await readChallengeCookie("recovery-phone");
  const challenge = id ? await getChallengeStore().getChallenge(id) : null;
  if (!challenge || challenge.status === "verified")
    return fail("NO_CHALLENGE");
  return ok(
    { challenge: await toChallengeView(challenge) },
    { headers: { "cache-control": "no-store" } },
  );
});
