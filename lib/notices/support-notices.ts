import { notice, NOT_YOU } from "./notice";

// What an operator did to an account in the console, told to its owner by email and text (NIST
// SP 800-63B-4 §4.2, ASVS 4.0.3 2.5.5): a change of the account's sign-in that its owner did not
// make is told as any other, and an operator talked into it by an impostor is found out at once.

const SUPPORT = "Twostep support";

export const SUPPORT_NOTICES = {
  supportUnlocked: () =>
    notice(
      "support unlocked",
      "Sign-in to your Twostep account was unlocked",
      [
        `${SUPPORT} lifted the pause on signing in to your Twostep account: codes and other second factors work again.`,
      ],
      `support unlocked sign-in to your account. ${NOT_YOU}`,
    ),
  supportEndedSessions: () =>
    notice(
      "support ended sessions",
      "Your Twostep account was signed out everywhere",
      [
        `${SUPPORT} signed your Twostep account out on every device. Sign in again where you use it.`,
      ],
      `support signed your account out on every device. ${NOT_YOU}`,
    ),
  /** `what`: "your authenticator app", `passkey "Laptop"`, "your recovery codes". */
  supportRemovedFactor: (what: string) =>
    notice(
      "support removed factor",
      "A sign-in method was removed from your Twostep account",
      [
        `${SUPPORT} removed ${what} from your Twostep account, and signed it out on every device.`,
      ],
      `support removed ${what} from your account. ${NOT_YOU}`,
    ),
  supportSwitchedOff: () =>
    notice(
      "support switched off",
      "Your Twostep account was switched off",
      [
        `${SUPPORT} switched your Twostep account off: every device was signed out, and nobody can sign in to it until it is switched back on. Contact support to have it switched back on.`,
      ],
      "support switched your account off; nobody can sign in to it until it is switched back on. Contact support if this was not expected.",
    ),
  supportSwitchedOn: () =>
    notice(
      "support switched on",
      "Your Twostep account was switched back on",
      [
        `${SUPPORT} switched your Twostep account back on: you can sign in again.`,
      ],
      `support switched your account back on. ${NOT_YOU}`,
    ),
};
