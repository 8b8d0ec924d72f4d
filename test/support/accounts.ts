import { createAccount } from "@/lib/account/records";
import { getDb } from "@/lib/db";

// An account as sign-up leaves it, for tests that need a person: the email address verified or
// not, as the test says (only a verified address gets notices and reset links).

export async function createTestAccount(a: {
  email: string;
  phone: string;
  passwordHash: string;
  emailVerified: boolean;
}) {
  const made = await createAccount({
    email: a.email,
    passwordHash: a.passwordHash,
    phone: a.phone,
  });
  if (!made.ok) throw new Error(made.error);
  if (a.emailVerified)
    await (
      await getDb()
    ).user.update({
      where: { id: made.userId },
      data: { emailVerifiedAt: new Date() },
    });
  return { id: made.userId, email: a.email, phone: a.phone };
}
