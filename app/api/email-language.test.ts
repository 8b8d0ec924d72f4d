import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { closeDb, getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";
import { listOutbox } from "@/lib/messaging/outbox";
import { requestEmailChange } from "@/lib/steps/change-email";
import {
  resendVerificationEmail,
  sendVerificationEmail,
} from "@/lib/steps/verify-email";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext, testContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");

// An email with a link is written in its recipient's language: the one their account saved, else
// the one the request that sends it was made in, else English.

let people = 0;

async function person(locale: Locale | null, verified = true) {
  const phone = randomMobile("+3361");
  return createTestAccount({
    email: `words.${++people}.${phone.slice(1)}@example.com`,
    phone,
    passwordHash: "not a password hash",
    emailVerified: verified,
    locale,
  });
}

const mailsTo = (email: string) =>
  listOutbox(email).filter((e) => e.channel === "email");

async function askReset(email: string, headers: Record<string, string> = {}) {
  const res = await forgot(
    jsonRequest(
      "/api/password/forgot",
      { email },
      { ip: `203.0.113.${people}`, headers },
    ),
  );
  expect(res.status).toBe(200);
  const [mail] = mailsTo(email);
  expect(mail).toBeDefined();
  return mail!;
}

beforeEach(async () => {
  await resetTables();
  cookieJar.clear();
});
afterAll(async () => closeDb(await getDb()));

describe("the reset email's language", () => {
  it("is German for a person who saved German, whatever the browser asks for", async () => {
    const hilde = await person("de");
    const mail = await askReset(hilde.email, { "accept-language": "fr" });
    expect(mail.subject).toBe("Setzen Sie Ihr Twostep-Passwort zurück");
    expect(mail.text).toMatch(/^Guten Tag,\n\nJemand möchte das Passwort/);
    expect(mail.text).toContain(
      "Der Link funktioniert einmal, 30 Minuten lang,",
    );
    expect(mail.text).toMatch(/\/reset-password#token=[\w-]{43}\n/);
  });

  it("is the request's language for a person who saved none", async () => {
    const ines = await person(null);
    const mail = await askReset(ines.email, { "accept-language": "es-ES" });
    expect(mail.subject).toBe("Restablece tu contraseña de Twostep");
    expect(mail.text).toContain("durante 30 minutos");
  });

  it("stays as it always read in English", async () => {
    const ada = await person(null);
    const mail = await askReset(ada.email);
    expect(mail.subject).toBe("Reset your Twostep password");
    expect(mail.text).toMatch(
      /^Hello,\n\nSomeone asked to reset the password of your Twostep account\. To choose a new one, open:\n\nhttp\S+\/reset-password#token=[\w-]{43}\n\nThe link works once, for 30 minutes, and we will ask for a code sent to your phone first\.\nIf you did not ask, ignore this email: your password stays as it is\.\n$/,
    );
  });
});

describe("the other emails with a link", () => {
  it("sends a verification link in the account's Brazilian Portuguese", async () => {
    const ana = await person("pt-BR", false);
    await resendVerificationEmail(testContext(), ana.id, "en");
    const [mail] = mailsTo(ana.email);
    expect(mail!.subject).toBe("Confirme seu endereço de e-mail no Twostep");
    expect(mail!.text).toContain("por 24 horas.");
  });

  it("tells an address's holder of a sign-up in the holder's language, not the sign-up's", async () => {
    const holder = await person("fr");
    const again = await createTestAccount({
      email: holder.email,
      phone: randomMobile("+3361"),
      passwordHash: "not a password hash",
    });
    await sendVerificationEmail(testContext(), again, true, "de");
    const [mail] = mailsTo(holder.email);
    expect(mail!.subject).toBe(
      "Quelqu’un a tenté de s’inscrire avec votre adresse e-mail",
    );
  });

  it("asks to confirm a new address, and tells the current one, in the account's language", async () => {
    const jan = await person("de");
    const ctx = accountContext(jan, { sessionId: "session-1" });
    const to = `new.${people}@example.net`;
    expect((await requestEmailChange(ctx, to, "es")).ok).toBe(true);
    expect(mailsTo(to)[0]!.subject).toBe(
      "Bestätigen Sie Ihre neue E-Mail-Adresse für Twostep",
    );
    expect(mailsTo(to)[0]!.text).toContain("24 Stunden lang");
    const told = mailsTo(jan.email).find((m) =>
      m.text.includes("/verify-email/cancel#token="),
    );
    expect(told!.subject).toBe(
      "Jemand möchte die E-Mail-Adresse Ihres Twostep-Kontos ändern",
    );
  });
});
