import { createAccount } from "@/lib/account/records";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";
import { hashPassword } from "@/lib/password/hash";

// The one way a test makes a person: an account as sign-up leaves it (a verified phone), with the
// email address verified or not as the test says (only a verified address gets notices and reset
// links). Give `password` for a person who signs in (hashed as sign-up would), or `passwordHash`
// for one who never types it (a stand-in that skips argon2's cost).

export interface TestAccountInput {
  email: string;
  phone: string;
  password?: string;
  passwordHash?: string;
  /** Defaults to false: sign-up leaves the address unproven. */
  emailVerified?: boolean;
  /** The saved language choice; none (English) by default. */
  locale?: Locale | null;
}

export interface TestAccount {
  id: string;
  email: string;
  phone: string;
}

export async function createTestAccount(
  a: TestAccountInput,
): Promise<TestAccount> {
  const passwordHash =
    a.passwordHash ??
    (a.password === undefined
      ? "not a password hash"
      : await hashPassword(a.password));
  const made = await createAccount({
    email: a.email,
    passwordHash,
    phone: a.phone,
    locale: a.locale,
  });
  if (!made.ok) throw new Error(made.error);
  if (a.emailVerified)
    await (
      await getDb()
    ).user.update({
      where: { id: made.userId },
      data: { emailVerifiedAt: new Date(), verifiedEmail: a.email },
    });
  return { id: made.userId, email: a.email, phone: a.phone };
}
