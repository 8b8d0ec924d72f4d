import { answer, fail, signedInRoute } from "@/lib/http";
import { readPhoneChangeCookie } from "@/lib/http/phone-change-cookie";
import { resendPhoneChangeCode } from "@/lib/steps/change-phone";
import { sendSchema } from "@/lib/validation";

// "Resend code" or "Call me instead" while changing the phone number: to the new number of this
// browser's own challenge, under the send limits of every code.
export const POST = signedInRoute({ schema: sendSchema }, async (ctx, body) => {
  const id = await readPhoneChangeCookie();
  if (!id) return fail("NO_CHALLENGE");
  const outcome = await resendPhoneChangeCode(ctx, id, body.channel);
  return answer(outcome, (o) => ({ challenge: o.challenge }));
});
