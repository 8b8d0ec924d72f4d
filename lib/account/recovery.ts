import "server-only";
import { getDb } from "@/lib/db";
import { keyedHash } from "@/lib/keys";

// The account's side of a recovery in its waiting period: one row per account, gone once the
// recovery completes or is cancelled. Each of those is one DELETE … RETURNING, so of any number of
// simultaneous completions and cancellations exactly one acts. The user row keeps a copy of when it
// completes (users.recovery_completes_at), written in the same transaction, so the password step
// and a sign-in, which read the user anyway, look for a recovery only when one waits.

export interface WaitingRecovery {
  newPhone: string;
  startedAt: Date;
  completesAt: Date;
}

export const hashCancelToken = (token: string) =>
  keyedHash("email-link", token);

/** Starts (or restarts) the account's waiting period; an earlier one's cancel link stops working. */
export async function saveRecovery(
  userId: string,
  r: WaitingRecovery & { cancelTokenHash: string },
): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.accountRecovery.upsert({
      where: { userId },
      create: { userId, ...r },
      update: r,
    }),
    db.user.update({
      where: { id: userId },
      data: { recoveryCompletesAt: r.completesAt },
    }),
  ]);
}

const noRecovery = { recoveryCompletesAt: null };

export async function findRecovery(
  userId: string,
): Promise<WaitingRecovery | null> {
  const db = await getDb();
  return db.accountRecovery.findUnique({
    where: { userId },
    select: { newPhone: true, startedAt: true, completesAt: true },
  });
}

/** Ends the recovery this cancel link names; whose it was, or null (no such recovery any more). */
export async function cancelByToken(
  cancelTokenHash: string,
): Promise<{ userId: string } | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ user_id: string }[]>`
      DELETE FROM account_recoveries WHERE cancel_token_hash = ${cancelTokenHash}
      RETURNING user_id`;
    const userId = rows[0]?.user_id;
    if (!userId) return null;
    await tx.user.update({ where: { id: userId }, data: noRecovery });
    return { userId };
  });
}

/** Ends the account's waiting recovery, if any: true when there was one. */
export async function cancelRecoveryOf(userId: string): Promise<boolean> {
  const db = await getDb();
  const [{ count }] = await db.$transaction([
    db.accountRecovery.deleteMany({ where: { userId } }),
    db.user.update({ where: { id: userId }, data: noRecovery }),
  ]);
  return count === 1;
}

export type Completion =
  | { done: true; newPhone: string; previousPhone: string | null }
  | { done: false; reason: "none" | "phone-taken" };

/**
 * Completes the account's recovery if its waiting period ended by `now`, in one transaction: the
 * row is taken (only one completion can take it), the new phone replaces every phone row, and
 * every other factor (authenticator app, passkeys, recovery codes) is removed. A number verified
 * by another account meanwhile rolls it all back, and the recovery ends without completing.
 */
export async function completeRecovery(
  userId: string,
  now: Date,
): Promise<Completion> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.$queryRaw<{ new_phone: string }[]>`
        DELETE FROM account_recoveries
        WHERE user_id = ${userId} AND completes_at <= ${now}
        RETURNING new_phone`;
      const newPhone = taken[0]?.new_phone;
      if (!newPhone) return { done: false, reason: "none" } as const;
      const old = await tx.phone.findFirst({
        where: { userId, verifiedAt: { not: null } },
        select: { number: true },
      });
      await tx.phone.deleteMany({ where: { userId } });
      await tx.phone.create({
        data: {
          userId,
          number: newPhone,
          verifiedNumber: newPhone,
          verifiedAt: now,
        },
      });
      await tx.factor.deleteMany({ where: { userId } });
      await tx.user.update({
        where: { id: userId },
        // An admin's role does not pass to whoever completes a recovery: it is granted again, by
        // the command line, once the person is known to be its owner.
        data: { textCodesOff: false, role: null, ...noRecovery },
      });
      return {
        done: true,
        newPhone,
        previousPhone: old?.number ?? null,
      } as const;
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    await cancelRecoveryOf(userId);
    return { done: false, reason: "phone-taken" };
  }
}
