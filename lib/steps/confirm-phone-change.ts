import "server-only";
import { replaceVerifiedPhone } from "@/lib/account/phone";
import { recordEvent } from "@/lib/audit";
import type { SendDeps } from "@/lib/challenge/send";
import { forgetAllDevices } from "@/lib/devices/records";
import { refuse, type Outcome } from "@/lib/errors";
import { isFreshSecondFactor } from "@/lib/factors/policy";
import type { RequestMeta } from "@/lib/http/request-meta";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount } from "@/lib/notices/notify";
import { maskPhone } from "@/lib/phone";
import type { MailDeps } from "./mail-deps";
import { verifyCodeStep } from "./verify-code";

// The code sent to the new number: a wrong one counts toward the account's failures like any
// other factor's (one atomic store script). Only once it is proven does the number on file change,
// and only then is a number another account has verified refused: saying so any earlier would
// tell anyone whose number it is. Afterwards remembered devices are forgotten (each skipped a
// factor that has changed), the trail records it, and the old number and a verified address are
// told (lib/notices: no code, no link).

export type PhoneChangeDeps = SendDeps & MailDeps;

export async function confirmPhoneChange(
  deps: PhoneChangeDeps,
  userId: string,
  id: string,
  code: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
): Promise<Outcome<{ maskedPhone: string }>> {
  if (!isFreshSecondFactor(secondFactorAt, deps.now))
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
  await notifyPhoneChanged(deps, userId, replaced.previous, spent.phone);
  return { ok: true, maskedPhone };
}

/** An email to a verified address and a text to the old number, after the reply. */
async function notifyPhoneChanged(
  deps: PhoneChangeDeps,
  userId: string,
  oldNumber: string | null,
  newNumber: string,
): Promise<void> {
  const told = NOTICES.phoneChanged(newNumber.slice(-4));
  // Without an old number there is no one to text: the new one already knows.
  if (oldNumber) await notifyAccount(deps, userId, told, { textTo: oldNumber });
  else await notifyAccount(deps, userId, { ...told, text: undefined });
}
