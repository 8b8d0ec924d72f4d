import { EMAIL_CHANGE_REQUESTED_SUBJECT } from "@/lib/mail/email-change-messages";
import { notice, NOT_YOU } from "./notice";

// Notices about how the account is reached: a reset, a new phone, a browser never seen before, and
// the second-factor lockout (NIST SP 800-63B-4 §3.2.2 throttling; §4.1.2: a new phone is a new
// authenticator, so the number that is going away hears of it).

/** Where and when a sign-in came from, as the "Signed-in devices" list names it. */
export interface SignInPlace {
  device: string;
  ip: string | null;
  at: Date;
}

const when = (at: Date) =>
  at
    .toUTCString()
    .replace(/:\d\d GMT$/, " UTC")
    .replace("GMT", "UTC");

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.round(seconds / 60));
  return m === 1 ? "a minute" : `${m} minutes`;
};

export const ACCOUNT_NOTICES = {
  passwordReset: () =>
    notice(
      "password reset",
      "Your Twostep password was changed",
      [
        "The password of your Twostep account was just reset, with a link sent to this address and a code sent to your phone. Every device that was signed in has been signed out.",
      ],
      `your password was just reset and every device was signed out. Not you? Choose "Forgot password?" on the sign-in page to set a new one.`,
    ),
  /** Emailed to the account and texted to the number that is no longer its phone. */
  phoneChanged: (newEnding: string) =>
    notice(
      "phone changed",
      "The phone number of your Twostep account was changed",
      [
        `The phone number of your Twostep account was changed to a number ending in ${newEnding}. Codes by text or call now go to that number.`,
      ],
      `this number is no longer the phone of your Twostep account. ${NOT_YOU}`,
    ),
  /**
   * A change of the address was asked for, told before it can happen. The email that goes to a
   * verified address is emailChangeRequestedEmail (lib/mail), the same words with a cancel link.
   */
  emailChangeRequested: (maskedNewEmail: string) =>
    notice(
      "email change requested",
      EMAIL_CHANGE_REQUESTED_SUBJECT,
      [
        `Someone signed in to your Twostep account asked to change its email address to ${maskedNewEmail}. Nothing changes unless a link sent to that address is opened.`,
      ],
      `someone asked to change your account's email address. Not you? Sign in and choose "Cancel email change" on your account, then change your password.`,
    ),
  newSignIn: (place: SignInPlace) =>
    notice("new sign-in", "New sign-in to your Twostep account", [
      "Your Twostep account was just signed in to from a browser it had not been used on before:",
      [
        `Device: ${place.device}`,
        `Address: ${place.ip ?? "unknown"} (the network it came from, roughly where it was)`,
        `Time: ${when(place.at)}`,
      ].join("\n"),
      "If this was you, there is nothing to do.",
    ]),
  accountLocked: (retryAfterSeconds: number) =>
    notice(
      "account locked",
      "Someone who knows your Twostep password is trying to sign in",
      [
        `Too many wrong codes were entered while signing in to your Twostep account from one place, so codes from there are paused for ${minutes(retryAfterSeconds)}. Whoever entered them knew your password. Your own sign-in is not paused.`,
        "If this was not you, change your password now. We tell you of such pauses at most once a day.",
      ],
      `someone who knows your password entered wrong codes, so sign-in from their place is paused for ${minutes(retryAfterSeconds)}. If this was not you, change your password now.`,
    ),
  accountDisabled: () =>
    notice(
      "account disabled",
      "Sign-in by code was switched off for your Twostep account",
      [
        "So many wrong codes were entered in a row while signing in to your Twostep account that codes by text, call and authenticator app are switched off. A passkey, a recovery code or a browser you chose to remember still signs you in and switches them back on.",
        "Whoever entered them knew your password: once you are in, change it.",
      ],
      `so many wrong codes were entered for your account that sign-in by code is switched off. Someone knows your password: change it. ${NOT_YOU}`,
    ),
  passwordAttemptsPaused: (retryAfterSeconds: number) =>
    notice(
      "password attempts paused",
      "Sign-in to your Twostep account was paused",
      [
        `Many sign-in attempts were made for your Twostep account from different places, so signing in with its password from a browser you have not chosen to remember is paused for ${minutes(retryAfterSeconds)}. A browser you chose to remember still signs you in.`,
        "We tell you of such pauses at most once a day.",
      ],
      `many sign-in attempts were made for your account, so sign-in from new browsers is paused for ${minutes(retryAfterSeconds)}. ${NOT_YOU}`,
    ),
};
