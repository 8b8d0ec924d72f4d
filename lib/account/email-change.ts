import "server-only";
import { getDb } from "@/lib/db";
import { emailLinkSpend, type EmailLinkPurpose } from "@/lib/email-links";

// The account's side of "Change email": the change still waiting for its link, and the swap the
// link makes. Until the swap the account keeps its old address for everything (sign-in, resets).

export interface PendingEmailChange {
  email: string;
  expiresAt: Date;
}

/** The newest unused, unexpired link to a new address, or null. */
export async function findPendingEmailChange(
  userId: string,
  now = new Date(),
): Promise<PendingEmailChange | null> {
  const db = await getDb();
  return db.emailLink.findFirst({
    where: {
      userId,
      purpose: "change_email",
      usedAt: null,
      expiresAt: { gt: now },
    },
    orderBy: { createdAt: "desc" },
    select: { email: true, expiresAt: true },
  });
}

/** Whether another account holds the address proven (sign-ups still waiting for a link do not). */
export async function isEmailTaken(email: string): Promise<boolean> {
  const db = await getDb();
  return (await db.user.count({ where: { verifiedEmail: email } })) > 0;
}

export type EmailSwap =
  { ok: true; oldEmail: string } | { ok: false; reason: "gone" | "taken" };

/**
 * The new address replaces the old one, proven (the link reached it), and the links the change
 * spends (the security-change table's: they went to the old address) are spent in the same
 * transaction. The unique index on users.verified_email decides a race with a sign-up's link or
 * another change to the same address.
 */
export async function swapEmail(
  userId: string,
  newEmail: string,
  spend: { purposes: readonly EmailLinkPurpose[]; at: Date },
): Promise<EmailSwap> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({
        where: { id: userId },
        select: { email: true },
      });
      if (!user) return { ok: false, reason: "gone" } as const;
      await tx.user.update({
        where: { id: userId },
        data: {
          email: newEmail,
          emailVerifiedAt: spend.at,
          verifiedEmail: newEmail,
        },
      });
      await emailLinkSpend(tx, userId, spend.purposes, spend.at);
      return { ok: true, oldEmail: user.email } as const;
    });
  } catch (error) {
    if ((error as { code?: string })?.code === "P2002")
      return { ok: false, reason: "taken" };
    throw error;
  }
}
