import "server-only";
import { recordEvent } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { emailLinkSpend } from "@/lib/email-links";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import type { AccountContext } from "@/lib/context";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkLoginLimits } from "@/lib/limits/decide";
import { hashPassword, verifyPassword } from "@/lib/password/hash";
import { checkNewPassword } from "@/lib/password/check";
import {
  applySecurityChange,
  linksSpentBy,
} from "@/lib/security-changes/apply";

// "Change password" on the account page (ASVS 5.0 6.2.2, 6.2.3): the current password and a new
// one; its route declares the fresh second factor. Guesses at the current password count toward
// the same per-address limits as the password step, so a stolen session cannot test passwords
// faster than the login form; the cap over all addresses, which strangers can fill, is not asked. What follows a change is the security-change table's "password_changed" row.

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export async function changePassword(
  ctx: AccountContext,
  input: PasswordChange,
): Promise<Outcome> {
  const userId = ctx.user.id;
  const { request } = ctx;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  if (!user) return refuse("NOT_SIGNED_IN");
  // A pause of the password step (strangers filling its cap over all addresses) never stops a
  // signed-in owner from changing a password others know: only this address's own limits apply.
  const limited = await checkLoginLimits(
    user.email,
    addressBucket(request.ip),
    "signedIn",
  );
  if (limited) return limited;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordEvent({
      type: "login_failure",
      userId,
      ...request,
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
  // Only if the hash is still the one just checked: two changes at once cannot both win. The
  // outstanding reset links are spent in the same transaction, as a reset spends the others: a link
  // asked for before the change must never replace the password just chosen.
  const [changed] = await db.$transaction([
    db.user.updateMany({
      where: { id: userId, passwordHash: user.passwordHash },
      data: { passwordHash },
    }),
    emailLinkSpend(
      db,
      userId,
      linksSpentBy("password_changed"),
      new Date(ctx.now()),
    ),
  ]);
  if (changed.count !== 1) return refuse("WRONG_PASSWORD");
  await applySecurityChange(ctx, "password_changed", { userId });
  return { ok: true };
}
