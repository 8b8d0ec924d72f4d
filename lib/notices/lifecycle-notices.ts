import { notice } from "./notice";

// Notices about the account's own life: locked down with "This wasn't me", a deletion asked for
// (ASVS 5.0 7.4.2: every session already ended), and a deletion a sign-in cancelled.

export const LIFECYCLE_NOTICES = {
  lockedDown: () =>
    notice("locked down", "lockedDown", {}, { lockDown: false }),
  deletionRequested: (dueAt: Date) =>
    notice("deletion requested", "deletionRequested", { at: dueAt }),
  deletionCancelled: () =>
    notice("deletion cancelled", "deletionCancelled", {}, { notYou: true }),
};
