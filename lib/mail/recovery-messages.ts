import { emailWords } from "@/lib/i18n/catalogues/emails";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { noticeEmail, type Notice } from "@/lib/notices/notice";
import type { EmailMessage } from "./types";

// The emails of "Lost your phone and codes?" that carry a link: the one that proves the address
// (it can only go on with the recovery, never sign anyone in), and the notice of a started
// recovery, whose one link can only cancel it (a copy of it is worth nothing to a phisher). Worded
// in the recipient's language (lib/i18n/messages/<locale>/emails.json).

type Content = Omit<EmailMessage, "to">;

export function recoveryLinkEmail(
  link: string,
  ttlSeconds: number,
  locale: Locale,
): Content {
  const minutes = Math.round(ttlSeconds / 60);
  const t = emailWords(locale);
  return {
    subject: t("recoveryLink.subject"),
    text: [
      t("hello"),
      "",
      t("recoveryLink.intro"),
      "",
      link,
      "",
      t("recoveryLink.lifetime", { minutes }),
      "",
      t("recoveryLink.ifNot"),
      "",
    ].join("\n"),
  };
}

/** The started recovery's notice (in the person's language), with its one-time cancel link. */
export function recoveryStartedEmail(
  notice: Notice,
  cancelLink: string,
  locale: Locale = DEFAULT_LOCALE,
): Content {
  const base = noticeEmail(notice, locale);
  return {
    subject: base.subject,
    text: [
      base.text.trimEnd(),
      "",
      emailWords(locale)("recoveryStarted.cancel"),
      "",
      cancelLink,
      "",
    ].join("\n"),
  };
}
