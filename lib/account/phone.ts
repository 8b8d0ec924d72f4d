import "server-only";
import { getDb } from "@/lib/db";

// The account's side of "Change phone number": which number is on file, and the swap to a number
// the person has just proven. Phone.verifiedNumber is unique, so a number another account has
// verified can never be verified here too; the swap is one transaction, so a refusal keeps the
// old number.

export async function findVerifiedPhone(userId: string) {
  const db = await getDb();
  const phone = await db.phone.findFirst({
    where: { userId, verifiedAt: { not: null } },
    select: { number: true },
  });
  return phone?.number ?? null;
}

export type ReplacePhoneResult =
  { ok: true; previous: string | null } | { ok: false; error: "PHONE_TAKEN" };

/** Replaces every phone row of the account with `number`, verified now. */
export async function replaceVerifiedPhone(
  userId: string,
  number: string,
): Promise<ReplacePhoneResult> {
  const db = await getDb();
  try {
    const previous = await db.$transaction(async (tx) => {
      const old = await tx.phone.findFirst({
        where: { userId, verifiedAt: { not: null } },
        select: { number: true },
      });
      await tx.phone.deleteMany({ where: { userId } });
      await tx.phone.create({
        data: {
          userId,
          number,
          verifiedNumber: number,
          verifiedAt: new Date(),
        },
      });
      return old?.number ?? null;
    });
    return { ok: true, previous };
  } catch (error) {
    if ((error as { code?: string })?.code !== "P2002") throw error;
    return { ok: false, error: "PHONE_TAKEN" };
  }
}
