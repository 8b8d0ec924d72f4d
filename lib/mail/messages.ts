import { emailWords } from "@/lib/i18n/catalogues/emails";
import type { Locale } from "@/lib/i18n/locales";
import type { EmailMessage } from "./types";

// The emails that carry a link, in plain text, in the recipient's language (their saved choice,
// else the language of the request that sends it: the steps decide). Their words are the "Emails"
// catalogue (lib/i18n/messages/<locale>/emails.json). Security notices, which never carry a link,
// live in lib/notices.

type Content = Omit<EmailMessage, "to">;

const minutes = (seconds: number) => Math.round(seconds / 60);
const hours = (seconds: number) => Math.round(seconds / 3600);

/**
 * A sign-up's link, to an address no account has proven. Whoever reads it may not be who signed up:
 * it says so, and gives them a one-time link that undoes that sign-up ("I didn't sign up").
 */
export function verificationEmail(
  link: string,
  refuseLink: string,
  ttlSeconds: number,
  locale: Locale,
): Content {
  const t = emailWords(locale);
  return {
    subject: t("verification.subject"),
    text: [
      t("hello"),
      "",
      t("verification.intro"),
      "",
      link,
      "",
      t("verification.refuse"),
      "",
      refuseLink,
      "",
      t("verification.lifetime", { hours: hours(ttlSeconds) }),
      "",
    ].join("\n"),
  };
}

/**
 * To an address an account has proven, when a sign-up names it again: the sign-up gets no link and
 * can never use it; the owner hears what happened and how to get back in if it was them.
 */
export function signUpAttemptEmail(appUrl: string, locale: Locale): Content {
  // Like every notice, no link: a copy of it must be worth nothing to a phisher.
  const host = new URL(appUrl).host;
  const t = emailWords(locale);
  return {
    subject: t("signUpAttempt.subject"),
    text: [
      t("hello"),
      "",
      t("signUpAttempt.body"),
      "",
      t("signUpAttempt.ifYou", { host }),
      "",
      t("signUpAttempt.ifNot"),
      "",
    ].join("\n"),
  };
}

export function resetEmail(
  link: string,
  ttlSeconds: number,
  locale: Locale,
): Content {
  const t = emailWords(locale);
  return {
    subject: t("reset.subject"),
    text: [
      t("hello"),
      "",
      t("reset.intro"),
      "",
      link,
      "",
      t("reset.lifetime", { minutes: minutes(ttlSeconds) }),
      t("reset.ignore"),
      "",
    ].join("\n"),
  };
}
