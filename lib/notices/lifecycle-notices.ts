import { notice, NOT_YOU } from "./notice";

// Notices about the account's own life: locked down with "This wasn't me", a deletion asked for
// (ASVS 5.0 7.4.2: every session already ended), and a deletion a sign-in cancelled.

const day = (at: Date) =>
  at
    .toUTCString()
    .replace(/:\d\d GMT$/, " UTC")
    .replace("GMT", "UTC");

export const LIFECYCLE_NOTICES = {
  lockedDown: () =>
    notice(
      "locked down",
      "Your Twostep account was locked down",
      [
        `"This wasn't me" was chosen for your Twostep account. Every device was signed out, remembered devices were forgotten and any email or phone change in progress was cancelled.`,
        `Before anyone signs in again, the password must be reset: choose "Forgot password?" on the sign-in page. The reset needs a link sent to this address and your second factor.`,
      ],
      `your account was locked down and every device signed out. To sign in again, choose "Forgot password?" on the sign-in page.`,
      { lockDown: false },
    ),
  deletionRequested: (dueAt: Date) =>
    notice(
      "deletion requested",
      "Your Twostep account will be deleted",
      [
        `Deletion of your Twostep account was asked for, and every device was signed out. On ${day(dueAt)} the account, its phone number, sign-in methods and devices are erased for good.`,
        "To keep the account, sign in before then: signing in cancels the deletion.",
      ],
      `your account will be deleted on ${day(dueAt)}; every device was signed out. Not you? Sign in before then to cancel it.`,
    ),
  deletionCancelled: () =>
    notice(
      "deletion cancelled",
      "Deletion of your Twostep account was cancelled",
      [
        "Your Twostep account was signed in to during its grace period, so it will not be deleted. It stays as it was.",
      ],
      `signing in cancelled the deletion of your account. ${NOT_YOU}`,
    ),
};
