import type { EmailMessage } from "./types";

// The emails the app sends, in plain text. A link that opens something is in the first two only;
// a notice never carries one (a fake notice with a link is what phishing looks like).

type Content = Omit<EmailMessage, "to">;

const minutes = (seconds: number) => Math.round(seconds / 60);

export function verificationEmail(link: string, ttlSeconds: number): Content {
  const hours = Math.round(ttlSeconds / 3600);
  return {
    subject: "Confirm your email address for Twostep",
    text: [
      "Hello,",
      "",
      "Please confirm that this is your email address for your Twostep account:",
      "",
      link,
      "",
      `The link works once, for ${hours} hours. If you did not create a Twostep account, ignore this email.`,
      "",
    ].join("\n"),
  };
}

export function resetEmail(link: string, ttlSeconds: number): Content {
  return {
    subject: "Reset your Twostep password",
    text: [
      "Hello,",
      "",
      "Someone asked to reset the password of your Twostep account. To choose a new one, open:",
      "",
      link,
      "",
      `The link works once, for ${minutes(ttlSeconds)} minutes, and we will ask for a code sent to your phone first.`,
      "If you did not ask, ignore this email: your password stays as it is.",
      "",
    ].join("\n"),
  };
}

export function passwordResetNoticeEmail(appUrl: string): Content {
  const host = new URL(appUrl).host;
  return {
    subject: "Your Twostep password was changed",
    text: [
      "Hello,",
      "",
      "The password of your Twostep account was just reset, with a link sent to this address and a code sent to your phone. Every device that was signed in has been signed out.",
      "",
      `If this was not you, go to ${host} and choose "Forgot password?" to set a new one at once.`,
      "",
    ].join("\n"),
  };
}

/** After "Change phone number": to a verified address only; the new number shown masked. */
export function phoneChangedNoticeEmail(
  appUrl: string,
  maskedPhone: string,
): Content {
  const host = new URL(appUrl).host;
  return {
    subject: "Your Twostep phone number was changed",
    text: [
      "Hello,",
      "",
      `The phone number of your Twostep account was just changed to ${maskedPhone}, after a code sent to that number was entered. Codes now go to the new number, and remembered devices must pass a second factor again.`,
      "",
      `If this was not you, go to ${host}, sign in with a passkey or a recovery code, change the number back and change your password.`,
      "",
    ].join("\n"),
  };
}
