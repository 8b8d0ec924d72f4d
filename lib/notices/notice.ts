import type { EmailMessage } from "@/lib/mail/types";

// One security notice, by email to the account's verified address and, where the phone should hear
// of it too, by text (NIST SP 800-63B-4 §4.2 and §4.1.2, ASVS 4.0.3 2.5.5). A notice says what
// happened and what to do if it was not you. It never carries a code nor a link: a notice with a
// link is what phishing looks like, and a code in it would be a way in for whoever reads it.

export interface Notice {
  /** Names it in logs. */
  name: string;
  subject: string;
  /** What happened, one paragraph per entry; the greeting and the advice are added around it. */
  body: string[];
  /** The text message, when the phone on file (or the old one) is told too. */
  text?: string;
}

/** The text message's closing line: where to look, without a link. */
export const NOT_YOU =
  "If this was not you, sign in and check your account now.";

const ADVICE =
  'If this was not you, sign in to Twostep at once, change your password and check your sign-in methods. If you cannot sign in, choose "Forgot password?" on the sign-in page.';

export function notice(
  name: string,
  subject: string,
  body: string[],
  text?: string,
): Notice {
  return text
    ? { name, subject, body, text: `Twostep: ${text}` }
    : { name, subject, body };
}

/** The email: greeting, what happened, the advice; plain text with no link. */
export function noticeEmail(n: Notice): Omit<EmailMessage, "to"> {
  return {
    subject: n.subject,
    text: ["Hello,", "", ...n.body.flatMap((p) => [p, ""]), ADVICE, ""].join(
      "\n",
    ),
  };
}
