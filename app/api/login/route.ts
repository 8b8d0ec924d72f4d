import { apiHandler } from "@/lib/http";
import { findLoginUser } from "@/lib/account";
import { recordEvent } from "@/lib/audit";
import { createChallenge } from "@/lib/challenge/create";
import { setChallengeCookie } from "@/lib/challenge/cookie";
import { replyToFirstSend, sendDeps } from "@/lib/challenge/reply";
import { sendCode } from "@/lib/challenge/send";
import { fail, parseBody, requestMeta } from "@/lib/http";
import { firstChannel } from "@/lib/limits/destination";
import { limitLogin, limitSend } from "@/lib/limits/guard";
import { setSendPassCookie } from "@/lib/limits/send-pass";
import { verifyPassword } from "@/lib/password";
import { loginSchema } from "@/lib/validation";

// The password step. It grants nothing by itself: it starts a challenge bound to this browser and
// texts the account's verified phone; only the code step leads to a session.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, loginSchema);
  if ("reply" in parsed) return parsed.reply;
  const loginLimited = await limitLogin(request, parsed.data.email);
  if (loginLimited) return loginLimited;
  const meta = requestMeta(request);
  const user = await findLoginUser(parsed.data.email);
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? null,
    parsed.data.password,
  );
  const phone = user?.phones[0]?.number;
  if (!user || !passwordOk || !phone) {
    await recordEvent({
      type: "login_failure",
      userId: user?.id,
      ...meta,
      detail: { step: "password" },
    });
    return fail(401, "BAD_CREDENTIALS");
  }
  const channel = firstChannel(phone);
  const account = `user:${user.id}`;
  const limited = await limitSend(request, { phone, account, channel });
  if (limited) return limited;
  const deps = sendDeps();
  const id = await createChallenge(deps.store, {
    purpose: "login",
    userId: user.id,
    phone,
  });
  await setChallengeCookie(id);
  await setSendPassCookie(id, { phone, account });
  const outcome = await sendCode(deps, id, channel);
  await recordEvent({
    type: "code_sent",
    userId: user.id,
    ...meta,
    detail: { channel, purpose: "login", ok: outcome.ok },
  });
  return replyToFirstSend(outcome, channel);
});
