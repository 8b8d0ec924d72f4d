import "server-only";
import { getDb } from "@/lib/db";
import type { ErrorCode } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";

export type CreateAccountResult =
  { ok: true; userId: string } | { ok: false; error: ErrorCode };

/**
 * Creates the user and its verified phone in one transaction, only after the phone was proven:
 * an abandoned signup leaves nothing behind to block the email or the number. The address is not
 * proven yet, so it never refuses one another account uses (only a proven address is held:
 * markEmailVerified); a number verified on another account is refused.
 */
export async function createAccount(input: {
  email: string;
  passwordHash: string;
  phone: string;
  /** The language the sign-up was made in: saved as the person's choice. */
  locale?: Locale | null;
}): Promise<CreateAccountResult> {
  const db = await getDb();
  try {
    const user = await db.user.create({
      data: {
        email: input.email,
        passwordHash: input.passwordHash,
        locale: input.locale ?? null,
        phones: {
          create: {
            number: input.phone,
            verifiedNumber: input.phone,
            verifiedAt: new Date(),
          },
        },
      },
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    const target = uniqueViolationTarget(error);
    if (target === null) throw error;
    return { ok: false, error: "PHONE_TAKEN" };
  }
}

/**
 * The user a sign-up created, told by its password hash (argon2id's random salt makes every hash
 * unique), so a retried or racing verify can finish the same sign-up instead of refusing it.
 */
export async function findAccountCreatedWith(
  email: string,
  passwordHash: string,
): Promise<string | null> {
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { email, passwordHash },
    select: { id: true },
  });
  return user?.id ?? null;
}

function uniqueViolationTarget(error: unknown): string | null {
  const e = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: unknown };
  };
  if (e?.code !== "P2002") return null;
  return JSON.stringify(e.meta ?? {}).toLowerCase();
}
