import { getSessionUser } from "@/lib/auth/session";
import { apiHandler, fail, ok, refused } from "@/lib/http";
import { readPhoneChangeCookie } from "@/lib/http/phone-change-cookie";
import { readPhoneChange } from "@/lib/steps/change-phone";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

// "Change phone number" polls this while the code's text is on its way, as the sign-in's code step
// polls /api/otp/status: "Delivered", or a call offered at once when it failed. It reads only this
// person's own challenge, named by this browser's httpOnly cookie.
export const GET = apiHandler(async () => {
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const id = await readPhoneChangeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await readPhoneChange(getChallengeStore(), user.id, id);
  if (!outcome.ok) return refused(outcome);
  return ok(
    { challenge: outcome.challenge },
    { headers: { "cache-control": "no-store" } },
  );
});
