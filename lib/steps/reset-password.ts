import "server-only";
import {
  canResetByEmail,
  findAccountById,
  setPasswordAfterReset,
} from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import type { SendDeps } from "@/lib/challenge/send";
import { forgetAllDevices } from "@/lib/devices/records";
import { restoreEmailLink, spendEmailLink } from "@/lib/email-links";
import { acceptedFactors } from "@/lib/factors/records";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { firstChannel } from "@/lib/limits/destination";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount } from "@/lib/notices/notify";
import { hashPassword } from "@/lib/password/hash";
import { checkNewPassword } from "@/lib/password/check";
import { revokeUserSessions } from "@/lib/sessions";
import type { MailDeps } from "./mail-deps";
import { startCodeStep, type FirstSend } from "./start-code-step";

// A reset never bypasses the second factor (ASVS 5.0 V6.4.3): the link only starts the account's
// second-factor step (the authenticator app first when it has one, else a texted code), as the
// password would; the new password is taken only from the browser that then
// passed it, once. Afterwards every session ends, every remembered browser is forgotten, and the
// person is told by email and by text.

export type ResetDeps = SendDeps & MailDeps;

/** The link was opened: spend it and send a code to the account's verified phone. */
export async function startPasswordReset(
  deps: SendDeps,
  token: string,
  meta: RequestMeta,
): Promise<FirstSend> {
  const link = await spendEmailLink(token, "reset_password");
  if (!link) return refuse("EMAIL_LINK_INVALID");
  const user = await findAccountById(link.userId);
  if (!canResetByEmail(user, link.email)) return refuse("EMAIL_LINK_INVALID");
  const phone = user.phones[0]!.number;
  const channel = firstChannel(phone);
  // The account's own second factors, strongest first, exactly as its sign-in asks for them.
  const factors = await acceptedFactors(user.id);
  const outcome = await startCodeStep(
    deps,
    {
      purpose: "reset",
      account: `user:${user.id}`,
      userId: user.id,
      pending: null,
      phone,
      channel,
      factors,
    },
    meta,
  );
  // Refused before any code went out (a limit, the account's lock): the link works again later.
  if (!outcome.ok) await restoreEmailLink(link.id);
  return outcome;
}

/** "Set new password", from the browser whose reset challenge passed its code step. */
export async function finishPasswordReset(
  deps: ResetDeps,
  challengeId: string,
  password: string,
  meta: RequestMeta,
): Promise<Outcome> {
  const challenge = await deps.store.getChallenge(challengeId);
  if (
    challenge?.purpose !== "reset" ||
    challenge.status !== "verified" ||
    !challenge.userId
  )
    return refuse("NO_CHALLENGE");
  const user = await findAccountById(challenge.userId);
  if (!user) return refuse("NO_CHALLENGE");
  const weak = await checkNewPassword(password, { email: user.email });
  if (!weak.ok)
    return refuse(weak.error, {
      fields: { password: ERRORS[weak.error].message },
    });
  const passwordHash = await hashPassword(password);
  // Spent here, atomically: of two submissions, one sets the password and the other is refused.
  const spent = await deps.store.redeemChallenge(challengeId);
  if (spent?.purpose !== "reset" || spent.userId !== user.id)
    return refuse("NO_CHALLENGE");
  await setPasswordAfterReset(user.id, passwordHash);
  const sessionsEnded = await revokeUserSessions(user.id);
  // A remembered browser skips the second factor: after a reset, each must pass it again.
  const devicesForgotten = await forgetAllDevices(user.id);
  await recordEvent({
    type: "password_reset",
    userId: user.id,
    ...meta,
    detail: { sessionsEnded, devicesForgotten },
  });
  // By email and by text, after the reply; neither carries a link or a code.
  await notifyAccount(deps, user.id, NOTICES.passwordReset(), {
    textTo: spent.phone,
  });
  return { ok: true };
}
