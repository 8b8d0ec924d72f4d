import "server-only";
import { recordEvent } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { forgetAllDevices } from "@/lib/devices/records";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import { isFreshSecondFactor } from "@/lib/factors/policy";
import { addressBucket, type RequestMeta } from "@/lib/http/request-meta";
import { checkLoginLimits } from "@/lib/limits/decide";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount, type NoticeDeps } from "@/lib/notices/notify";
import { notifyPasswordPause } from "@/lib/notices/password-pause";
import { hashPassword, verifyPassword } from "@/lib/password/hash";
import { checkNewPassword } from "@/lib/password/check";

// "Change password" on the account page (ASVS 5.0 6.2.2, 6.2.3): the current password and a new
// one, with a second factor passed in the last 10 minutes. Guesses at the current password count
// toward the same limits as the password step, so a stolen session cannot test passwords faster
// than the login form. The caller ends the person's other sessions (it knows this browser's).

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export async function changePassword(
  notices: NoticeDeps,
  userId: string,
  input: PasswordChange,
  secondFactorAt: number | null,
  meta: RequestMeta,
  now = Date.now(),
): Promise<Outcome> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  if (!user) return refuse("NOT_SIGNED_IN");
  const limited = await checkLoginLimits(user.email, addressBucket(meta.ip));
  if (limited) {
    await notifyPasswordPause(notices, user.email, limited, meta);
    return limited;
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordEvent({
      type: "login_failure",
      userId,
      ...meta,
      detail: { step: "password", reason: "password_change" },
    });
    return refuse("WRONG_PASSWORD", {
      fields: { currentPassword: ERRORS.WRONG_PASSWORD.message },
    });
  }
  if (input.newPassword === input.currentPassword)
    return refuse("SAME_PASSWORD", {
      fields: { newPassword: ERRORS.SAME_PASSWORD.message },
    });
  const weak = await checkNewPassword(input.newPassword, { email: user.email });
  if (!weak.ok)
    return refuse(weak.error, {
      fields: { newPassword: ERRORS[weak.error].message },
    });
  const passwordHash = await hashPassword(input.newPassword);
  // Only if the hash is still the one just checked: two changes at once cannot both win. Every
  // outstanding reset link is spent in the same transaction, as a reset spends the others: a link
  // asked for before the change must not replace the password just chosen.
  const [changed] = await db.$transaction([
    db.user.updateMany({
      where: { id: userId, passwordHash: user.passwordHash },
      data: { passwordHash },
    }),
    db.emailLink.updateMany({
      where: { userId, purpose: "reset_password", usedAt: null },
      data: { usedAt: new Date(now) },
    }),
  ]);
  if (changed.count !== 1) return refuse("WRONG_PASSWORD");
  await forgetAllDevices(userId);
  await recordEvent({ type: "password_changed", userId, ...meta });
  await notifyAccount(notices, userId, NOTICES.passwordChanged());
  return { ok: true };
}
