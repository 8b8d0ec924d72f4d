import "server-only";
import type { StepContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { claimNoticeText } from "@/lib/limits/decide";
import { linkUrl, saveLockDownLink } from "@/lib/email-links";
import {
  LOCK_DOWN_LINK_TTL_SECONDS,
  LOCK_DOWN_PATH,
} from "@/lib/email-links/policy";
import { asLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { EmailMessage } from "@/lib/mail/types";
import {
  noticeEmail,
  noticeTranslator,
  noticeWords,
  type Notice,
} from "./notice";

type Content = Omit<EmailMessage, "to">;

export interface NotifyOptions {
  /** Text this number (one going away) instead of the verified phone; null: text no one. */
  textTo?: string | null;
  /**
   * The email to send instead of the notice's own: one that must carry a cancel link. Given as a
   * function, it is written in the person's language once delivery knows it.
   */
  email?: Content | ((locale: Locale) => Content);
}

/** What telling a person uses, of a step's context. */
export type NoticeContext = Pick<
  StepContext,
  "messenger" | "mailer" | "later" | "appUrl" | "now"
>;

/**
 * Tells the account what happened, after the reply: by email only to an address it has verified
 * (a mistyped address that was never confirmed belongs to someone else), and by text to the
 * verified phone, or to `textTo` (a number that is going away), when the notice has a text and the
 * send budgets admit it; both in the language the person saved (English when none). The change it
 * reports is already made and audited: a failed send is logged, never undoes it.
 */
export async function notifyAccount(
  ctx: NoticeContext,
  userId: string,
  notice: Notice,
  options: NotifyOptions = {},
): Promise<void> {
  await ctx.later(`${notice.name} notice`, () =>
    deliver(ctx, userId, notice, options),
  );
}

async function deliver(
  ctx: NoticeContext,
  userId: string,
  notice: Notice,
  { textTo, email }: NotifyOptions,
): Promise<void> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      emailVerifiedAt: true,
      locale: true,
      phones: {
        where: { verifiedAt: { not: null } },
        take: 1,
        select: { number: true },
      },
    },
  });
  if (!user) return;
  const { mailer } = ctx;
  const locale = asLocale(user.locale) ?? DEFAULT_LOCALE;
  const text =
    textTo === null
      ? undefined
      : worded(notice, locale, (l) => noticeWords(notice, l).text);
  const own = () =>
    worded(notice, locale, (l) =>
      typeof email === "function"
        ? email(l)
        : (email ?? noticeEmail(notice, l)),
    );
  // A text goes through the send budgets (lib/limits NOTICE_TEXTS_PER_ACCOUNT_PER_DAY and the
  // day's message budget): past them the email still tells, the text is left out.
  const number = textTo ?? user.phones[0]?.number;
  const phone =
    text && number && (await claimNoticeText(userId)) ? number : undefined;
  if (text && number && !phone)
    console.warn("notices: %s text left out by the send budgets", notice.name);
  const sent: string[] = [];
  await Promise.all([
    mailer &&
      user.emailVerifiedAt &&
      (notice.lockDown === false
        ? Promise.resolve(own())
        : withLockDownLink(ctx, userId, user.email, own(), locale)
      )
        .then((message) => mailer.sendEmail({ to: user.email, ...message }))
        .then(() => sent.push("email"))
        .catch((error: unknown) => failed(notice, "email", error)),
    text &&
      phone &&
      ctx.messenger
        .sendSms({ to: phone, text })
        .then(() => sent.push("text"))
        .catch((error: unknown) => failed(notice, "text", error)),
  ]);
  // Which notices went out, for "Download your data"; never their words (a link is in them).
  if (sent.length > 0)
    await db.sentNotice
      .createMany({
        data: sent.map((channel) => ({ userId, name: notice.name, channel })),
      })
      .catch((error: unknown) => failed(notice, "record", error));
}

/** The language the person saved for what they are sent; English when they chose none. */
export async function savedLocale(userId: string): Promise<Locale> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { locale: true },
  });
  return asLocale(user?.locale) ?? DEFAULT_LOCALE;
}

/** The email with its own "This wasn't me" link, introduced in `locale`: one-time, it grants nothing. */
export async function withLockDownLink(
  ctx: NoticeContext,
  userId: string,
  to: string,
  message: Content,
  locale: Locale,
): Promise<Content> {
  const token = await saveLockDownLink(
    userId,
    to,
    LOCK_DOWN_LINK_TTL_SECONDS,
    new Date(ctx.now()),
  );
  const link = linkUrl(ctx.appUrl, LOCK_DOWN_PATH, token);
  return {
    ...message,
    text: `${message.text}\n${noticeTranslator(locale)("common.lockDownLink")}\n${link}\n`,
  };
}

function failed(notice: Notice, by: string, error: unknown): void {
  console.error(
    "notices: could not send the %s notice by %s: %s",
    notice.name,
    by,
    (error as Error).message,
  );
}

/**
 * A notice worded in the person's language, or in English should that ever fail: a security
 * notice is never lost to a catalogue's mistake.
 */
function worded<T>(notice: Notice, locale: Locale, word: (l: Locale) => T): T {
  try {
    return word(locale);
  } catch (error) {
    console.error(
      "notices: %s not worded in %s: %o",
      notice.name,
      locale,
      error,
    );
    return word(DEFAULT_LOCALE);
  }
}
