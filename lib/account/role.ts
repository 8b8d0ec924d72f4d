import "server-only";
import { getDb, type Db } from "@/lib/db";

// The operators' console is for accounts with the admin role. The role is read from the database
// on every console request, so a revocation holds from the next one; it is written only by the
// command line (scripts/admin.ts), never by the web.

export const ADMIN_ROLE = "admin";

/** Whether `userId` holds the admin role now. */
export async function isAdmin(userId: string): Promise<boolean> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { role: true },
  });
  return user?.role === ADMIN_ROLE;
}

/**
 * Grants (`admin`) or revokes (null) the role of the account with `email`. Answers whether such
 * an account exists and whether the role changed. The role is granted only to an account that
 * already has a passkey: the console asks for one, and an admin adds another only with it.
 */
export async function setRole(
  db: Db,
  email: string,
  role: typeof ADMIN_ROLE | null,
): Promise<"no-account" | "no-passkey" | "changed" | "unchanged"> {
  const user = await db.user.findUnique({
    // Only an address the account proved: an unconfirmed sign-up may name anyone's address.
    where: { verifiedEmail: email.trim().toLowerCase() },
    select: {
      id: true,
      role: true,
      _count: { select: { factors: { where: { kind: "passkey" } } } },
    },
  });
  if (!user) return "no-account";
  if (user.role === role) return "unchanged";
  if (role && user._count.factors === 0) return "no-passkey";
  await db.user.update({ where: { id: user.id }, data: { role } });
  return "changed";
}
