import { apiHandler } from "@/lib/http";
import { recordEvent } from "@/lib/audit";
import { createChallenge } from "@/lib/challenge/create";
import { setChallengeCookie } from "@/lib/challenge/cookie";
import { replyToFirstSend, sendDeps } from "@/lib/challenge/reply";
import { sendCode } from "@/lib/challenge/send";
import { ERRORS } from "@/lib/errors";
import { fail, parseBody, requestMeta } from "@/lib/http";
import { firstChannel } from "@/lib/limits/destination";
import { limitSend } from "@/lib/limits/guard";
import { setSendPassCookie } from "@/lib/limits/send-pass";
import { hashPassword } from "@/lib/password";
import { checkNewPassword } from "@/lib/password-check";
import { signupSchema } from "@/lib/validation";

// Nothing is written to the database here: the account is created only once the phone is proven
// (see /api/otp/verify), so an abandoned signup never holds the email or the number.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, signupSchema);
  if ("reply" in parsed) return parsed.reply;
  const { email, password, phone } = parsed.data;
  const weak = await checkNewPassword(password, { email });
  if (!weak.ok)
    return fail(400, weak.error, { fields: { password: ERRORS[weak.error] } });
  const channel = firstChannel(phone); // a landline gets its first code by call
  const limited = await limitSend(request, {
    phone,
    account: `email:${email}`,
    channel,
  });
  if (limited) return limited;
  const deps = sendDeps();
  const passwordHash = await hashPassword(password);
  const id = await createChallenge(deps.store, {
    purpose: "signup",
    phone,
    pending: { email, passwordHash },
  });
  await setChallengeCookie(id);
  await setSendPassCookie(id, { phone, account: `email:${email}` });
  const outcome = await sendCode(deps, id, channel);
  await recordEvent({
    type: "code_sent",
    ...requestMeta(request),
    detail: { channel, purpose: "signup", ok: outcome.ok },
  });
  return replyToFirstSend(outcome, channel);
});
