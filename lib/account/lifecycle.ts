import "server-only";
import { getDb } from "@/lib/db";

// The account's own life on the users row: locked down by "This wasn't me" (until a reset), and a
// deletion waiting out its grace period. Each change is one conditional UPDATE, so two requests at
// once change it once.

/** "This wasn't me": no sign-in finishes before a password reset clears it. */
export async function markLockedDown(userId: string, at: Date): Promise<void> {
  const db = await getDb();
  await db.user.updateMany({
    where: { id: userId },
    data: { lockedDownAt: at },
  });
}

/** Asks for the account's erasure at `dueAt`; false when one was already pending. */
export async function markDeletionDue(
  userId: string,
  dueAt: Date,
): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.user.updateMany({
    where: { id: userId, deletionDueAt: null },
    data: { deletionDueAt: dueAt },
  });
  return count === 1;
}

/** A sign-in kept the account: true when a deletion was pending and this call cancelled it. */
export async function clearDeletion(userId: string): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.user.updateMany({
    where: { id: userId, deletionDueAt: { not: null } },
    data: { deletionDueAt: null },
  });
  return count === 1;
}

/** The accounts whose grace period ended by `now`, oldest first, at most `limit`. */
export async function findDueDeletions(now: Date, limit: number) {
  const db = await getDb();
  return db.user.findMany({
    where: { deletionDueAt: { lte: now } },
    orderBy: { deletionDueAt: "asc" },
    take: limit,
    select: { id: true },
  });
}

/**
 * Erases one account whose deletion is still due at `now`, in one transaction: its audit rows keep
 * their type and time but lose the address, browser and details that could name the person, then
 * the users row goes and every row of it with it (phones, factors and their secrets, remembered
 * and known browsers, email links, notices sent); the audit rows stay with no owner. False when a
 * sign-in cancelled it meanwhile.
 */
export async function eraseAccount(
  userId: string,
  now: Date,
): Promise<boolean> {
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      await tx.authEvent.updateMany({
        where: { userId },
        data: { ip: null, userAgent: null, detail: {} },
      });
      // The condition is checked again on the locked row: a sign-in that cancelled the deletion
      // since it was found wins, and the scrubbing above is rolled back with it.
      const { count } = await tx.user.deleteMany({
        where: { id: userId, deletionDueAt: { lte: now } },
      });
      if (count !== 1) throw new NotDue();
    });
    return true;
  } catch (error) {
    if (error instanceof NotDue) return false;
    throw error;
  }
}

class NotDue extends Error {}
