import type { Locale } from "@/lib/i18n/locales";
import { noticeEmail, type Notice } from "@/lib/notices/notice";
import type { EmailMessage } from "./types";

// The emails of "Lost your phone and codes?" that carry a link: the one that proves the address
// (it can only go on with the recovery, never sign anyone in), and the notice of a started
// recovery, whose one link can only cancel it (a copy of it is worth nothing to a phisher).

type Content = Omit<EmailMessage, "to">;

export function recoveryLinkEmail(link: string, ttlSeconds: number): Content {
  const minutes = Math.round(ttlSeconds / 60);
  return {
    subject: "Recover your Twostep account",
    text: [
      "Hello,",
      "",
      'Someone who knew the password of your Twostep account chose "Lost your phone and codes?" while signing in. If that was you, open this link to name a new phone number:',
      "",
      link,
      "",
      `The link works once, for ${minutes} minutes. The new number takes over only after a waiting period, and your current phone and this address are told when it starts.`,
      "",
      "If this was not you, someone knows your password: sign in with your phone and change it now. Nothing changes unless this link is opened.",
      "",
    ].join("\n"),
  };
}

/** The started recovery's notice (in the person's language), with its one-time cancel link. */
export function recoveryStartedEmail(
  notice: Notice,
  cancelLink: string,
  locale?: Locale,
): Content {
  const base = noticeEmail(notice, locale);
  return {
    subject: base.subject,
    text: [
      base.text.trimEnd(),
      "",
      "To cancel this recovery now, open this link (it only cancels the recovery, once):",
      "",
      cancelLink,
      "",
    ].join("\n"),
  };
}
