import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";
import { recoveryStartedEmail } from "@/lib/mail/recovery-messages";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { testContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { withoutLockDownLink } from "@/test/support/lock-down-link";
import { createRecordingMessenger } from "@/test/support/messenger";
import { randomMobile } from "@/test/support/phones";
import { NOTICES, type Notice } from "./catalogue";
import { notifyAccount, type NotifyOptions } from "./notify";

// A notice is worded when it is delivered, in the language the person saved (users.locale): the
// email, its "This wasn't me" line and the text. A person who chose none reads English, word for
// word as before.

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

async function tell(
  locale: Locale | null,
  notice: Notice,
  options?: NotifyOptions,
) {
  const p = await createTestAccount({
    email: `told-${randomUUID()}@example.com`,
    phone: randomMobile("+3367"),
    emailVerified: true,
    locale,
  });
  const messenger = createRecordingMessenger();
  const ctx = testContext({ messenger, later: (_, task) => task() });
  await notifyAccount(ctx, p.id, notice, options);
  const [email] = listOutbox(p.email);
  const texts = messenger.sms.filter((s) => s.to === p.phone);
  return { email: email!, texts: texts.map((s) => s.text) };
}

describe("a security notice", () => {
  it("arrives in German, email and text, for a person whose saved language is German", async () => {
    const { email, texts } = await tell("de", NOTICES.passkeyAdded("Laptop"));
    expect(email.subject).toBe(
      "Ihrem Twostep-Konto wurde ein Passkey hinzugefügt",
    );
    expect(email.text).toMatch(
      /^Hallo,\n\nEin Passkey namens „Laptop“ wurde Ihrem Twostep-Konto hinzugefügt\.\n\nFalls Sie das nicht waren, sperren Sie Ihr Konto:/,
    );
    expect(email.text).toMatch(
      /\nDas war ich nicht: Konto sperren \(funktioniert einmal, meldet niemanden an\):\nhttps?:\/\/\S+\/lock-down#token=[\w-]{43}\n$/,
    );
    expect(texts).toEqual([
      'Twostep: ein Passkey namens "Laptop" wurde Ihrem Konto hinzugefügt. Nicht Sie? Melden Sie sich jetzt an und prüfen Sie Ihr Konto. Zum Sperren "Das war ich nicht" in unserer E-Mail oder auf Ihrer Kontoseite wählen.',
    ]);
  });

  it("arrives in Brazilian Portuguese, its date in Portuguese and in UTC, for a person who chose pt-BR", async () => {
    const due = new Date("2026-12-06T02:30:00Z");
    const { email, texts } = await tell(
      "pt-BR",
      NOTICES.deletionRequested(due),
    );
    expect(email.subject).toBe("Sua conta Twostep será excluída");
    expect(email.text).toContain(
      "Olá,\n\nA exclusão da sua conta Twostep foi solicitada, e todos os dispositivos foram desconectados. Em dom., 6 de dez. de 2026 às 02:30 UTC, a conta",
    );
    expect(email.text).toContain(
      "\nNão fui eu: bloquear a conta (funciona uma só vez e não dá acesso a ninguém):\n",
    );
    expect(texts).toEqual([
      'Twostep: sua conta será excluída em dom., 6 de dez. de 2026 às 02:30 UTC; todos os dispositivos foram desconectados. Não foi você? Entre antes disso para cancelar. Para bloquear sua conta, escolha "Não fui eu" no nosso e-mail ou na página da sua conta.',
    ]);
  });

  it("arrives in English, word for word as before, for a person who chose no language", async () => {
    const due = new Date("2026-12-06T02:30:00Z");
    const { email, texts } = await tell(null, NOTICES.deletionRequested(due));
    expect(email.subject).toBe("Your Twostep account will be deleted");
    expect(withoutLockDownLink(email.text)).toBe(
      [
        "Hello,",
        "",
        "Deletion of your Twostep account was asked for, and every device was signed out. On Sun, 06 Dec 2026 02:30 UTC the account, its phone number, sign-in methods and devices are erased for good.",
        "",
        "To keep the account, sign in before then: signing in cancels the deletion.",
        "",
        `If this was not you, lock your account: open the "This wasn't me" link below, or choose "This wasn't me" beside the event under "Recent security activity" on your account page. Every device is signed out and no one signs in again before the password is reset with "Forgot password?" on the sign-in page, which needs a link sent to this address and your second factor.`,
        "",
        "This wasn't me: lock the account down (works once, signs no one in):",
        "",
        "",
      ].join("\n"),
    );
    expect(texts).toEqual([
      `Twostep: your account will be deleted on Sun, 06 Dec 2026 02:30 UTC; every device was signed out. Not you? Sign in before then to cancel it. To lock your account, choose "This wasn't me" in our email or on your account page.`,
    ]);
  });

  it("writes an email of its caller's in the person's language, when given as one", async () => {
    const notice = NOTICES.recoveryStarted(
      "67",
      new Date("2026-12-06T02:30:00Z"),
    );
    const cancel = "https://twostep.example/recover/cancel#token=x";
    const { email } = await tell("de", notice, {
      email: (locale) => recoveryStartedEmail(notice, cancel, locale),
    });
    expect(email.subject).toBe(
      "Eine Wiederherstellung Ihres Twostep-Kontos wurde gestartet",
    );
    expect(email.text).toContain(
      "mit den Endziffern 67 bestätigt. Am So., 6. Dez. 2026 um 02:30 UTC wird",
    );
    expect(email.text).toContain(cancel);
  });

  it("sends no text when its caller says so, and still emails", async () => {
    const { email, texts } = await tell("fr", NOTICES.passwordChanged(), {
      textTo: null,
    });
    expect(email.subject).toBe(
      "Le mot de passe de votre compte Twostep a été modifié",
    );
    expect(texts).toEqual([]);
  });
});
