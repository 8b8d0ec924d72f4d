import "server-only";
import { getDb } from "@/lib/db";
import { canRefuseTextCodes } from "./policy";

/**
 * Saves "Don't accept text-message codes" (`off`) in one transaction that holds the person's row,
 * so a removal of the factor it needs cannot slip in between the check and the write: "saved",
 * "unchanged" (already so), or "not-allowed" (no passkey or app, or no unused recovery code).
 * Turning text codes back on is always allowed.
 */
export async function saveTextCodesChoice(
  userId: string,
  off: boolean,
): Promise<"saved" | "unchanged" | "not-allowed"> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { textCodesOff: true },
    });
    if (!user) return "not-allowed";
    if (user.textCodesOff === off) return "unchanged";
    if (off) {
      const confirmed = { userId, confirmedAt: { not: null } };
      const [passkeys, totp, left] = await Promise.all([
        tx.factor.count({ where: { ...confirmed, kind: "passkey" } }),
        tx.factor.count({ where: { ...confirmed, kind: "totp" } }),
        tx.recoveryCode.count({
          where: { usedAt: null, factor: { userId, kind: "recovery_codes" } },
        }),
      ]);
      const facts = { textCodesOff: off, passkeys, totp: totp > 0 };
      if (!canRefuseTextCodes({ ...facts, recoveryCodes: { left } }))
        return "not-allowed";
    }
    await tx.user.update({
      where: { id: userId },
      data: { textCodesOff: off },
    });
    return "saved";
  });
}
