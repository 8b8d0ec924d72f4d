import "server-only";
import { getDb } from "@/lib/db";
import type { Messenger } from "@/lib/messaging/types";

// Every change to a person's factors, and every recovery code used, is texted to the phone on file
// (NIST SP 800-63B-4 §4.2, ASVS 4.0.3 2.5.5). The text names what
// happened and carries no secret. A failed text never undoes the change: it is logged, and the
// audit row is written regardless.

const NOT_YOU = "If this was not you, sign in and check your account now.";

export const NOTICES = {
  totpOn: `Twostep: an authenticator app was turned on for your account. ${NOT_YOU}`,
  totpOff: `Twostep: the authenticator app was removed from your account. ${NOT_YOU}`,
  passkeyOn: (name: string) =>
    `Twostep: a passkey named "${name}" was added to your account. ${NOT_YOU}`,
  passkeyOff: (name: string) =>
    `Twostep: the passkey named "${name}" was removed from your account. ${NOT_YOU}`,
  passwordChanged: `Twostep: the password of your account was changed, and your other devices were signed out. ${NOT_YOU}`,
  recoveryCodesNew: `Twostep: new recovery codes were made for your account; any older ones no longer work. ${NOT_YOU}`,
  recoveryCodeUsed: (left: number) =>
    `Twostep: a recovery code was used to sign in to your account (${left} left). ${NOT_YOU}`,
};

export async function notifyByText(
  messenger: Messenger,
  userId: string,
  text: string,
): Promise<void> {
  try {
    const db = await getDb();
    const phone = await db.phone.findFirst({
      where: { userId, verifiedAt: { not: null } },
      select: { number: true },
    });
    if (phone) await messenger.sendSms({ to: phone.number, text });
  } catch (error) {
    console.error(
      "factors: could not text a notice: %s",
      (error as Error).message,
    );
  }
}
