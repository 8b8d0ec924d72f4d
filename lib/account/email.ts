import "server-only";
import { getDb } from "@/lib/db";
import { emailLinkSpend, type EmailLinkPurpose } from "@/lib/email-links";
import { UNVERIFIED_ACCOUNTS_PER_ADDRESS } from "./policy";

// The account's side of email links: whose address is verified, who may get a reset link, and
// the password a reset sets.

const withVerifiedPhone = {
  phones: { where: { verifiedAt: { not: null } }, take: 1 },
} as const;

/**
 * The accounts an address signs in: the one that proved it (if any), then the sign-ups that have
 * not, oldest first (at most UNVERIFIED_ACCOUNTS_PER_ADDRESS of them), each with its verified phone
 * (the code of a sign-in goes to it). Both queries always run, side by side: an include would query
 * phones only for an address that has an account, and that extra round trip would tell an attacker
 * timing the password step which addresses are registered.
 */
export async function findAccountsByEmail(email: string) {
  const db = await getDb();
  const [users, phones] = await Promise.all([
    db.user.findMany({
      where: { email },
      orderBy: [
        { emailVerifiedAt: { sort: "asc", nulls: "last" } },
        { createdAt: "asc" },
      ],
      take: UNVERIFIED_ACCOUNTS_PER_ADDRESS + 1,
    }),
    db.phone.findMany({
      where: { user: { email }, verifiedAt: { not: null } },
    }),
  ]);
  return users.map((user) => ({
    ...user,
    phones: phones.filter((p) => p.userId === user.id).slice(0, 1),
  }));
}

/**
 * The account that proved the address, with its verified phone: the only one a reset link or a
 * notice by email may reach. Both queries run side by side, as in findAccountsByEmail.
 */
export async function findVerifiedAccountByEmail(email: string) {
  const db = await getDb();
  const [user, phone] = await Promise.all([
    db.user.findUnique({ where: { verifiedEmail: email } }),
    db.phone.findFirst({
      where: { user: { verifiedEmail: email }, verifiedAt: { not: null } },
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

export type AddressClaim = "verified" | "taken" | "gone";

/**
 * Marks the address verified, only while it is still the account's address and no other account
 * holds it proven ("taken": the unique index on verified_email decides a race between two links).
 */
export async function markEmailVerified(
  userId: string,
  email: string,
  at = new Date(),
): Promise<AddressClaim> {
  const db = await getDb();
  try {
    const { count } = await db.user.updateMany({
      where: { id: userId, email },
      data: { emailVerifiedAt: at, verifiedEmail: email },
    });
    return count === 1 ? "verified" : "gone";
  } catch (error) {
    if ((error as { code?: string })?.code === "P2002") return "taken";
    throw error;
  }
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
