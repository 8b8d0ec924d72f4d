import { passkeyNamed } from "./factor-notices";
import { notice } from "./notice";

// What an operator did to an account in the console, told to its owner by email and text (NIST
// SP 800-63B-4 §4.2, ASVS 4.0.3 2.5.5): a change of the account's sign-in that its owner did not
// make is told as any other, and an operator talked into it by an impostor is found out at once.

/** A sign-in method support can remove, as the factors table names its kind. */
export type RemovedFactor = "totp" | "passkey" | "recovery_codes";

const NOT_YOU = { notYou: true } as const;

export const SUPPORT_NOTICES = {
  supportUnlocked: () =>
    notice("support unlocked", "supportUnlocked", {}, NOT_YOU),
  supportEndedSessions: () =>
    notice("support ended sessions", "supportEndedSessions", {}, NOT_YOU),
  /** The kind removed, and a passkey's name (repeated as plain words, or left out). */
  supportRemovedFactor: (kind: RemovedFactor, name: string | null = null) => {
    const { named, passkey } = passkeyNamed(name);
    const factor =
      kind === "passkey" && named === "yes" ? "namedPasskey" : kind;
    return notice(
      "support removed factor",
      "supportRemovedFactor",
      { factor, passkey },
      NOT_YOU,
    );
  },
  supportSwitchedOff: () =>
    notice("support switched off", "supportSwitchedOff"),
  supportSwitchedOn: () =>
    notice("support switched on", "supportSwitchedOn", {}, NOT_YOU),
};
