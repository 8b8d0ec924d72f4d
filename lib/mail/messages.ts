import type { EmailMessage } from "./types";

// The emails that carry a link, in plain text. Security notices, which never carry one, live in
// lib/notices.

type Content = Omit<EmailMessage, "to">;

const minutes = (seconds: number) => Math.round(seconds / 60);

/**
 * A sign-up's link, to an address no account has proven. Whoever reads it may not be who signed up:
 * it says so, and gives them a one-time link that undoes that sign-up ("I didn't sign up").
 */
export function verificationEmail(
  link: string,
  refuseLink: string,
  ttlSeconds: number,
): Content {
  const hours = Math.round(ttlSeconds / 3600);
  return {
    subject: "Confirm your email address for Twostep",
    text: [
      "Hello,",
      "",
      "Someone signed up for Twostep with this email address. If it was you, confirm that this is your address, in the browser where you are signed in to your new account:",
      "",
      link,
      "",
      "If it was not you, do not confirm. Open this link instead, “I didn’t sign up”: the account that gave your address is removed, and it never gets to use your address.",
      "",
      refuseLink,
      "",
      `Each link works once, for ${hours} hours.`,
      "",
    ].join("\n"),
  };
}

/**
 * To an address an account has proven, when a sign-up names it again: the sign-up gets no link and
 * can never use it; the owner hears what happened and how to get back in if it was them.
 */
export function signUpAttemptEmail(appUrl: string): Content {
  // Like every notice, no link: a copy of it must be worth nothing to a phisher.
  const host = new URL(appUrl).host;
  return {
    subject: "Someone tried to sign up with your email address",
    text: [
      "Hello,",
      "",
      "Someone tried to sign up for Twostep with this email address. It already belongs to your account, so nothing about your account changed, and the new sign-up can never use this address.",
      "",
      `If it was you, sign in at ${host}; if you forgot your password, choose “Forgot password?” there.`,
      "",
      "If it was not you, there is nothing to do.",
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
