import { notice } from "./notice";

// Notices of "Lost your phone and codes?" (NIST SP 800-63B-4 §4.2: a recovery that binds a new
// authenticator tells the subscriber, by every way on file, in time to object). The email of the
// start goes with a one-time cancel link instead (lib/mail/recovery-messages.ts); the text to the
// old phone names the way to cancel that needs no link: signing in.

const when = (at: Date) =>
  new Date(at)
    .toUTCString()
    .replace(/:\d\d GMT$/, " UTC")
    .replace("GMT", "UTC");

export const RECOVERY_NOTICES = {
  /** Texted to the phone that would be replaced, and emailed (with the cancel link) to the address. */
  recoveryStarted: (newEnding: string, completesAt: Date) =>
    notice(
      "recovery started",
      "A recovery of your Twostep account was started",
      [
        `Someone who knew your password and opened a link sent to this address said they lost their phone and recovery codes, and proved a new number ending in ${newEnding}. On ${when(completesAt)} that number becomes the account's only way to verify, and every device is signed out.`,
        "Signing in with your phone, an authenticator app, a recovery code or a passkey cancels it.",
      ],
      `someone started a recovery of your account that replaces this number on ${when(completesAt)}. If this was not you, sign in now to cancel it, then change your password.`,
    ),
  recoveryCancelled: () =>
    notice(
      "recovery cancelled",
      "The recovery of your Twostep account was cancelled",
      [
        "The recovery of your Twostep account was cancelled: your phone number and ways to verify stay as they were.",
      ],
    ),
  /** Texted to the new phone, emailed to the address. */
  recoveryCompleted: () =>
    notice(
      "recovery completed",
      "The recovery of your Twostep account was completed",
      [
        "The recovery of your Twostep account was completed: its new phone number is now its only way to verify, its authenticator app, passkeys and recovery codes were removed, and every device was signed out.",
      ],
      `the recovery of your account was completed and this number is now its phone. If this was not you, choose "Forgot password?" on the sign-in page.`,
    ),
};
