import { browserAndSystem } from "@/lib/devices/name";
import { notice } from "./notice";

// Notices about how the account is reached: a reset, a new phone, a browser never seen before, and
// the second-factor lockout (NIST SP 800-63B-4 §3.2.2 throttling; §4.1.2: a new phone is a new
// authenticator, so the number that is going away hears of it).

/** Where and when a sign-in came from, as the "Signed-in devices" list names it. */
export interface SignInPlace {
  /** The browser's user agent, named in the reader's language. */
  userAgent: string | null;
  ip: string | null;
  at: Date;
}

/** A pause's length in whole minutes, at least one; the messages say it with ICU plurals. */
const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

export const ACCOUNT_NOTICES = {
  passwordReset: () => notice("password reset", "passwordReset"),
  /** Emailed to the account and texted to the number that is no longer its phone. */
  phoneChanged: (newEnding: string) =>
    notice(
      "phone changed",
      "phoneChanged",
      { ending: newEnding },
      { notYou: true },
    ),
  /**
   * A change of the address was asked for, told before it can happen. The email that goes to a
   * verified address is emailChangeRequestedEmail (lib/mail), the same words with a cancel link.
   */
  emailChangeRequested: (maskedNewEmail: string) =>
    notice("email change requested", "emailChangeRequested", {
      email: maskedNewEmail,
    }),
  newSignIn: (place: SignInPlace) => {
    const { browser, system } = browserAndSystem(place.userAgent);
    return notice("new sign-in", "newSignIn", {
      device: {
        phrase: "device",
        values: { browser: browser ?? "none", system: system ?? "none" },
      },
      ip: place.ip ?? "unknown",
      at: place.at,
    });
  },
  accountLocked: (retryAfterSeconds: number) =>
    notice("account locked", "accountLocked", {
      minutes: minutes(retryAfterSeconds),
    }),
  accountDisabled: () =>
    notice("account disabled", "accountDisabled", {}, { notYou: true }),
  passwordAttemptsPaused: (retryAfterSeconds: number) =>
    notice(
      "password attempts paused",
      "passwordAttemptsPaused",
      { minutes: minutes(retryAfterSeconds) },
      { notYou: true },
    ),
};
