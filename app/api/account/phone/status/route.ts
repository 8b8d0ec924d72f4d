import { answer, fail, NO_STORE, signedInRoute } from "@/lib/http";
import { readPhoneChangeCookie } from "@/lib/http/phone-change-cookie";
import { readPhoneChange } from "@/lib/steps/change-phone";

export const dynamic = "force-dynamic";

// "Change phone number" polls this while the code's text is on its way, as the sign-in's code step
// polls /api/otp/status: "Delivered", or a call offered at once when it failed. It reads only this
// person's own challenge, named by this browser's httpOnly cookie.
export const GET = signedInRoute({}, async (ctx) => {
  const id = await readPhoneChangeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await readPhoneChange(ctx.store, ctx.user.id, id);
  return answer(outcome, (o) => ({ challenge: o.challenge }), NO_STORE);
});
