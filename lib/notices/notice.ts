import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { NOTICES_WORDS } from "@/lib/i18n/catalogues/notices";
import { translatorFor } from "@/lib/i18n/translate";
import type { EmailMessage } from "@/lib/mail/types";

// One security notice, by email to the account's verified address and, where the phone should hear
// of it too, by text (NIST SP 800-63B-4 §4.2 and §4.1.2, ASVS 4.0.3 2.5.5). A notice says what
// happened and what to do if it was not you: lock the account down with "This wasn't me". The
// catalogue's words never carry a code nor a link: a code in them would be a way in for whoever
// reads it. The one link a delivered email adds (lib/notices/notify.ts) is the lock-down's, to the
// app's own origin, and it grants nothing: it only signs every device out and asks for a reset.
//
// A notice is made where the change happens but worded where it is delivered, in the language its
// person saved (users.locale): it names its messages (lib/i18n/messages/<locale>/notices.json) and
// the values they take, and noticeWords() words it in one language.

type Catalogue = (typeof NOTICES_WORDS)["en"];
/** A notice's messages: its subject, one to three paragraphs ("body", "body2", "body3"), a text. */
export type NoticeKey = Exclude<keyof Catalogue, "common">;
/** A phrase of its own that a notice's value is worded with (a device's name). */
export type PhraseKey = Exclude<
  keyof Catalogue["common"],
  | "hello"
  | "advice"
  | "lockedAdvice"
  | "lockDownLink"
  | "notYou"
  | "lockDownText"
>;

/** A value a notice's message takes; a Date reads as the person's "when" (in UTC). */
export type NoticeValue =
  | string
  | number
  | Date
  | { phrase: PhraseKey; values: Record<string, string | number | Date> };

export interface Notice {
  /** Names it in logs and in the record of what was sent ("Download your data"). */
  name: string;
  key: NoticeKey;
  values: Record<string, NoticeValue>;
  /** The text says "If this was not you, sign in and check your account now." (common.notYou). */
  notYou?: true;
  /** False for the lock-down's own notice: it says how to undo it instead of how to lock down. */
  lockDown?: false;
}

/** A notice in one language. */
export interface NoticeWords {
  subject: string;
  /** What happened, one paragraph per entry; the greeting and the advice are added around it. */
  body: string[];
  /** The text message, when the phone on file (or the old one) is told too. */
  text?: string;
}

export function notice(
  name: string,
  key: NoticeKey,
  values: Record<string, NoticeValue> = {},
  { notYou = false, lockDown = true } = {},
): Notice {
  return {
    name,
    key,
    values,
    ...(notYou ? { notYou: true } : {}),
    ...(lockDown ? {} : { lockDown: false }),
  };
}

/** Dates and times in UTC, as the pages show them, in the reader's language. */
export const NOTICE_FORMATS: {
  dateTime: Record<string, Intl.DateTimeFormatOptions>;
} = {
  dateTime: {
    weekday: { weekday: "short" },
    day: { day: "2-digit" },
    month: { month: "short" },
    year: { year: "numeric" },
    longDay: {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
    },
    hoursMinutes: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  },
};

/** The notices' translator; keys are built from a notice's, so it is used untyped. */
interface Translate {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
}

/** The notices' words in one language. */
export function noticeTranslator(locale: Locale): Translate {
  return translatorFor(locale, NOTICES_WORDS[locale], "Notices", {
    dateTime: NOTICE_FORMATS.dateTime,
    timeZone: "UTC",
  }) as Translate;
}

/** Brand first, so a text is known at a glance on a lock screen; the same in every language. */
const TEXT_PREFIX = "Twostep: ";
const PARAGRAPHS = ["body", "body2", "body3"] as const;

/** The notice in `locale`'s words (English when none is given). */
export function noticeWords(
  n: Notice,
  locale: Locale = DEFAULT_LOCALE,
): NoticeWords {
  const t = noticeTranslator(locale);
  const values = Object.fromEntries(
    Object.entries(n.values).map(([name, v]) => [name, valueWords(t, v)]),
  );
  const say = (part: string) => t(`${n.key}.${part}`, values);
  const body = PARAGRAPHS.filter((p) => t.has(`${n.key}.${p}`)).map(say);
  if (!t.has(`${n.key}.text`)) return { subject: say("subject"), body };
  const text = [
    `${TEXT_PREFIX}${say("text")}`,
    ...(n.notYou ? [t("common.notYou")] : []),
    ...(n.lockDown === false ? [] : [t("common.lockDownText")]),
  ].join(" ");
  return { subject: say("subject"), body, text };
}

function valueWords(t: Translate, v: NoticeValue): string | number {
  if (v instanceof Date) return t("common.when", { at: v });
  if (typeof v === "object") return t(`common.${v.phrase}`, v.values);
  return v;
}

/** The email: greeting, what happened, the advice; plain text, its lock-down link added on delivery. */
export function noticeEmail(
  n: Notice,
  locale: Locale = DEFAULT_LOCALE,
): Omit<EmailMessage, "to"> {
  const t = noticeTranslator(locale);
  const { subject, body } = noticeWords(n, locale);
  return {
    subject,
    text: [
      t("common.hello"),
      "",
      ...body.flatMap((p) => [p, ""]),
      t(n.lockDown === false ? "common.lockedAdvice" : "common.advice"),
      "",
    ].join("\n"),
  };
}

/** The text message of the notice, if it has one. */
export const noticeText = (n: Notice, locale: Locale = DEFAULT_LOCALE) =>
  noticeWords(n, locale).text;
