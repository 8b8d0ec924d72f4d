import "server-only";
import { runAfterReply } from "@/lib/runtime/after-reply";
import { getDb } from "@/lib/db";
import { getMailer, type Mailer } from "@/lib/mail";
import { getMessenger } from "@/lib/messaging";
import type { Messenger } from "@/lib/messaging/types";
import { noticeEmail, type Notice } from "./catalogue";

/** What telling a person uses; a step passes its own messenger, the rest comes from the env. */
export interface NoticeDeps {
  messenger: Messenger;
  /** Null when email is not set up; left out, the process's mailer. */
  mailer?: Mailer | null;
  /** Work the reply does not wait for (lib/runtime/after-reply.ts); left out, runAfterReply. */
  later?: (label: string, task: () => Promise<void>) => Promise<void>;
}

export function noticeDeps(): NoticeDeps {
  return {
    messenger: getMessenger(),
    mailer: getMailer(),
    later: runAfterReply,
  };
}

/**
 * Tells the account what happened, after the reply: by email only to an address it has verified
 * (a mistyped address that was never confirmed belongs to someone else), and by text to the
 * verified phone, or to `textTo` (a number that is going away), when the notice has a text. The
 * change it reports is already made and audited: a failed send is logged, never undoes it.
 */
export async function notifyAccount(
  deps: NoticeDeps,
  userId: string,
  notice: Notice,
  options: { textTo?: string } = {},
): Promise<void> {
  const later = deps.later ?? runAfterReply;
  await later(`${notice.name} notice`, () =>
    deliver(deps, userId, notice, options.textTo),
  );
}

async function deliver(
  deps: NoticeDeps,
  userId: string,
  notice: Notice,
  textTo: string | undefined,
): Promise<void> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      emailVerifiedAt: true,
      phones: {
        where: { verifiedAt: { not: null } },
        take: 1,
        select: { number: true },
      },
    },
  });
  if (!user) return;
  const mailer = deps.mailer === undefined ? getMailer() : deps.mailer;
  const phone = textTo ?? user.phones[0]?.number;
  await Promise.all([
    mailer &&
      user.emailVerifiedAt &&
      mailer
        .sendEmail({ to: user.email, ...noticeEmail(notice) })
        .catch((error: unknown) => failed(notice, "email", error)),
    notice.text &&
      phone &&
      deps.messenger
        .sendSms({ to: phone, text: notice.text })
        .catch((error: unknown) => failed(notice, "text", error)),
  ]);
}

function failed(notice: Notice, by: string, error: unknown): void {
  console.error(
    "notices: could not send the %s notice by %s: %s",
    notice.name,
    by,
    (error as Error).message,
  );
}
