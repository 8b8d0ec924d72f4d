import { EMAILS_WORDS, emailWords } from "@/lib/i18n/catalogues/emails";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { EmailMessage } from "./types";

// The emails of "Change email". Two carry a link: the new address's, that proves it, and the
// current address's, that can only cancel the change (it signs no one in and changes nothing else,
// so a copy of it is worth nothing to a phisher). The others are notices whose one link, added when
// sent, is "This wasn't me" (lib/notices/notify.ts), which grants nothing either. Each is worded in
// the recipient's language (lib/i18n/messages/<locale>/emails.json).

type Content = Omit<EmailMessage, "to">;

const hours = (seconds: number) => Math.round(seconds / 3600);

/** "ada@example.com" → "a•••@example.com": enough for the owner to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

export function emailChangeLinkEmail(
  link: string,
  ttlSeconds: number,
  locale: Locale,
): Content {
  const t = emailWords(locale);
  return {
    subject: t("changeLink.subject"),
    text: [
      t("hello"),
      "",
      t("changeLink.intro"),
      "",
      link,
      "",
      t("changeLink.lifetime", { hours: hours(ttlSeconds) }),
      "",
    ].join("\n"),
  };
}

/** To the owner of an address someone tried to move another account to: nothing changed. */
export function emailInUseNoticeEmail(appUrl: string, locale: Locale): Content {
  const host = new URL(appUrl).host;
  const t = emailWords(locale);
  return {
    subject: t("inUse.subject"),
    text: [
      t("hello"),
      "",
      t("inUse.body"),
      "",
      t("inUse.advice", { host }),
      "",
    ].join("\n"),
  };
}

/** To the old address once the new one is proven, in the account's saved language. */
export function emailChangedNoticeEmail(
  appUrl: string,
  newEmail: string,
  locale: Locale = DEFAULT_LOCALE,
): Content {
  const host = new URL(appUrl).host;
  const t = emailWords(locale);
  return {
    subject: t("changed.subject"),
    text: [
      t("hello"),
      "",
      t("changed.body", { email: maskEmail(newEmail) }),
      "",
      t("changed.advice", { host }),
      "",
    ].join("\n"),
  };
}

/** The subject in English, as the security notice of the same request names it (lib/notices). */
export const EMAIL_CHANGE_REQUESTED_SUBJECT =
  EMAILS_WORDS.en.changeRequested.subject;

/** To the current address when a change is asked for: what is pending, and its cancel link. */
export function emailChangeRequestedEmail(
  newEmail: string,
  cancelLink: string,
  ttlSeconds: number,
  locale: Locale,
): Content {
  const t = emailWords(locale);
  return {
    subject: t("changeRequested.subject"),
    text: [
      t("hello"),
      "",
      t("changeRequested.body", { email: maskEmail(newEmail) }),
      "",
      t("changeRequested.cancel"),
      "",
      cancelLink,
      "",
      t("changeRequested.lifetime", { hours: hours(ttlSeconds) }),
      "",
    ].join("\n"),
  };
}
