import { notice } from "./notice";

// Notices of "Lost your phone and codes?" (NIST SP 800-63B-4 §4.2: a recovery that binds a new
// authenticator tells the subscriber, by every way on file, in time to object). The email of the
// start goes with a one-time cancel link instead (lib/mail/recovery-messages.ts); the text to the
// old phone names the way to cancel that needs no link: signing in.

export const RECOVERY_NOTICES = {
  /** Texted to the phone that would be replaced, and emailed (with the cancel link) to the address. */
  recoveryStarted: (newEnding: string, completesAt: Date) =>
    notice("recovery started", "recoveryStarted", {
      ending: newEnding,
      at: new Date(completesAt),
    }),
  recoveryCancelled: () => notice("recovery cancelled", "recoveryCancelled"),
  /** Texted to the new phone, emailed to the address. */
  recoveryCompleted: () => notice("recovery completed", "recoveryCompleted"),
};
