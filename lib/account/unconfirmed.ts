import "server-only";
import { getDb } from "@/lib/db";
import { UNVERIFIED_ACCOUNTS_PER_ADDRESS } from "./policy";

// The accounts whose address is not proven yet. Several may name one address; the first whose
// link is used holds it (markEmailVerified), and the others are removed. Removal only ever takes an
// account still unverified, so a race with its own link can never remove a proven account.

/**
 * The account that has proven the address (then no other account can), with the language it saved
 * for what it is sent; null when none has.
 */
export async function addressHolder(
  email: string,
): Promise<{ locale: string | null } | null> {
  const db = await getDb();
  return db.user.findUnique({
    where: { verifiedEmail: email },
    select: { locale: true },
  });
}

/** The unverified accounts that name `email`, but `except`. */
export async function otherUnverifiedAccounts(
  email: string,
  except: string,
): Promise<string[]> {
  const db = await getDb();
  const rows = await db.user.findMany({
    where: { email, emailVerifiedAt: null, id: { not: except } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The oldest unverified accounts that name `email` past UNVERIFIED_ACCOUNTS_PER_ADDRESS. */
export async function unverifiedPastBound(email: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.user.findMany({
    where: { email, emailVerifiedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: UNVERIFIED_ACCOUNTS_PER_ADDRESS,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Up to `take` unverified accounts created before `before`, oldest first. */
export async function unverifiedCreatedBefore(
  before: Date,
  take: number,
): Promise<string[]> {
  const db = await getDb();
  const rows = await db.user.findMany({
    where: { emailVerifiedAt: null, createdAt: { lt: before } },
    orderBy: { createdAt: "asc" },
    take,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Deletes the account, only while its address is still unproven; whether it did. */
export async function deleteUnverifiedAccount(
  userId: string,
): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.user.deleteMany({
    where: { id: userId, emailVerifiedAt: null },
  });
  return count === 1;
}
