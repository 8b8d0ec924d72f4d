import type { EmailMessage } from "@/lib/mail/types";

// One security notice, by email to the account's verified address and, where the phone should hear
// of it too, by text (NIST SP 800-63B-4 §4.2 and §4.1.2, ASVS 4.0.3 2.5.5). A notice says what
// happened and what to do if it was not you: lock the account down with "This wasn't me". The
// catalogue's words never carry a code nor a link: a code in them would be a way in for whoever
// reads it. The one link a delivered email adds (lib/notices/notify.ts) is the lock-down's, to the
// app's own origin, and it grants nothing: it only signs every device out and asks for a reset.

export interface Notice {
  /** Names it in logs. */
  name: string;
  subject: string;
  /** What happened, one paragraph per entry; the greeting and the advice are added around it. */
  body: string[];
  /** The text message, when the phone on file (or the old one) is told too. */
  text?: string;
  /** False for the lock-down's own notice: it says how to undo it instead of how to lock down. */
  lockDown?: false;
}

/** The text message's closing line: where to look, without a link. */
export const NOT_YOU =
  "If this was not you, sign in and check your account now.";

/** How a text says to lock the account down; a text never carries the link itself. */
export const LOCK_DOWN_TEXT = `To lock your account, choose "This wasn't me" in our email or on your account page.`;

const ADVICE = `If this was not you, lock your account: open the "This wasn't me" link below, or choose "This wasn't me" beside the event under "Recent security activity" on your account page. Every device is signed out and no one signs in again before the password is reset with "Forgot password?" on the sign-in page, which needs a link sent to this address and your second factor.`;

export function notice(
  name: string,
  subject: string,
  body: string[],
  text?: string,
  { lockDown = true }: { lockDown?: boolean } = {},
): Notice {
  const closing = lockDown ? ` ${LOCK_DOWN_TEXT}` : "";
  const n: Notice = lockDown
    ? { name, subject, body }
    : { name, subject, body, lockDown: false };
  return text ? { ...n, text: `Twostep: ${text}${closing}` } : n;
}

const LOCKED_ADVICE = `If this was not you, someone could read your email or was signed in to your account: set a new password now with "Forgot password?" on the sign-in page, and check your sign-in methods.`;

/** The email: greeting, what happened, the advice; plain text, its lock-down link added on delivery. */
export function noticeEmail(n: Notice): Omit<EmailMessage, "to"> {
  return {
    subject: n.subject,
    text: [
      "Hello,",
      "",
      ...n.body.flatMap((p) => [p, ""]),
      n.lockDown === false ? LOCKED_ADVICE : ADVICE,
      "",
    ].join("\n"),
  };
}
