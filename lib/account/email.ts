import "server-only";
import { getDb } from "@/lib/db";
import { emailLinkSpend, type EmailLinkPurpose } from "@/lib/email-links";

// The account's side of email links: whose address is verified, who may get a reset link, and
// the password a reset sets.

const withVerifiedPhone = {
  phones: { where: { verifiedAt: { not: null } }, take: 1 },
} as const;

/**
 * The account an address belongs to, with its verified phone (the code of a sign-in or a reset
 * goes to it). Both queries always run, side by side: an include would query phones only for an
 * address that has an account, and that extra round trip would tell an attacker timing the
 * password step or "Forgot password?" which addresses are registered.
 */
export async function findAccountByEmail(email: string) {
  const db = await getDb();
  const [user, phone] = await Promise.all([
    db.user.findUnique({ where: { email } }),
    db.phone.findFirst({
      where: { user: { email }, verifiedAt: { not: null } },
    }),
  ]);
  return user ? { ...user, phones: phone ? [phone] : [] } : null;
}

export async function findAccountById(id: string) {
  const db = await getDb();
  return db.user.findUnique({ where: { id }, include: withVerifiedPhone });
}

/** A reset link goes only to a proven address of an account that has a second factor to ask for. */
export function canResetByEmail(
  user: Awaited<ReturnType<typeof findAccountById>>,
  sentTo?: string,
): user is NonNullable<typeof user> {
  if (!user?.emailVerifiedAt || user.phones.length === 0) return false;
  return sentTo === undefined || user.email === sentTo;
}

/** Marks the address verified, only while it is still the account's address. */
export async function markEmailVerified(
  userId: string,
  email: string,
): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.user.updateMany({
    where: { id: userId, email },
    data: { emailVerifiedAt: new Date() },
  });
  return count === 1;
}

/**
 * The new password after a reset, with the email links it spends (the security-change table's) in
 * the same transaction: no other reset link can act after this one. A reset is what unlocks an
 * account locked down with "This wasn't me".
 */
export async function setPasswordAfterReset(
  userId: string,
  passwordHash: string,
  spend: { purposes: readonly EmailLinkPurpose[]; at: Date },
): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.user.update({
      where: { id: userId },
      data: { passwordHash, lockedDownAt: null },
    }),
    emailLinkSpend(db, userId, spend.purposes, spend.at),
  ]);
}

/** The account's address as it is now: a session keeps the one it signed in with. */
export async function findCurrentEmail(userId: string): Promise<string | null> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true },
  });
  return user?.email ?? null;
}
