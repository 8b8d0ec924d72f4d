import "server-only";
import { replaceVerifiedPhone } from "@/lib/account-phone";
import { findAccountById } from "@/lib/account-email";
import { recordEvent } from "@/lib/audit";
import type { SendDeps } from "@/lib/challenge/send";
import { forgetAllDevices } from "@/lib/devices/records";
import { refuse, type Outcome } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { phoneChangedNoticeEmail } from "@/lib/mail/messages";
import { maskPhone } from "@/lib/phone";
import { hasFreshSecondFactor } from "./change-phone";
import type { MailDeps } from "./mail-deps";
import { verifyCodeStep } from "./verify-code";

// The code sent to the new number: a wrong one counts toward the account's failures like any
// other factor's (one atomic store script). Only once it is proven does the number on file change,
// and only then is a number another account has verified refused: saying so any earlier would
// tell anyone whose number it is. Afterwards remembered devices are forgotten (each skipped a
// factor that has changed), the trail records it, and the old number and a verified address are
// told, with no code and no link.

export type PhoneChangeDeps = SendDeps & MailDeps;

export const OLD_NUMBER_NOTICE =
  "Twostep: the phone number of your account was changed, and codes now go to the new number. If this was not you, sign in with a passkey or a recovery code and change it back.";

export async function confirmPhoneChange(
  deps: PhoneChangeDeps,
  userId: string,
  id: string,
  code: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
): Promise<Outcome<{ maskedPhone: string }>> {
  if (!hasFreshSecondFactor(secondFactorAt, deps.now))
    return refuse("REAUTH_REQUIRED");
  const challenge = await deps.store.getChallenge(id);
  if (challenge?.purpose !== "phone-change" || challenge.userId !== userId)
    return refuse("NO_CHALLENGE");
  const checked = await verifyCodeStep(deps.store, id, code, meta);
  // Already verified: a confirmation whose database write failed may finish now.
  if (!checked.ok && checked.error !== "ALREADY_VERIFIED") return checked;
  // Spent here, atomically: of two confirmations at once, one changes the number.
  const spent = await deps.store.redeemChallenge(id);
  if (spent?.purpose !== "phone-change" || spent.userId !== userId)
    return refuse("NO_CHALLENGE");
  const replaced = await replaceVerifiedPhone(userId, spent.phone);
  if (!replaced.ok) return refuse(replaced.error);
  const maskedPhone = maskPhone(spent.phone);
  const devicesForgotten = await forgetAllDevices(userId);
  await recordEvent({
    type: "phone_changed",
    userId,
    ...meta,
    detail: { to: maskedPhone, devicesForgotten },
  });
  await notifyPhoneChanged(deps, userId, replaced.previous, maskedPhone);
  return { ok: true, maskedPhone };
}

/** A text to the old number and an email to a verified address, after the reply. */
async function notifyPhoneChanged(
  deps: PhoneChangeDeps,
  userId: string,
  oldNumber: string | null,
  maskedPhone: string,
): Promise<void> {
  const { mailer, messenger, appUrl } = deps;
  if (oldNumber)
    await deps.later("phone change notice by text", async () => {
      await messenger.sendSms({ to: oldNumber, text: OLD_NUMBER_NOTICE });
    });
  const user = await findAccountById(userId);
  if (!mailer || !user?.emailVerifiedAt) return;
  const { email } = user;
  await deps.later("phone change notice by email", () =>
    mailer.sendEmail({
      to: email,
      ...phoneChangedNoticeEmail(appUrl, maskedPhone),
    }),
  );
}
