import type { AuthEventType } from "@/lib/audit";
import type { EmailLinkPurpose } from "@/lib/email-links";
import type { NOTICES } from "@/lib/notices/catalogue";

// What follows each security change, in one place: which sessions end, whether remembered browsers
// must pass the second factor again, whether challenges in progress end, which outstanding email
// links stop working (a pending email change is a "change_email" link), the audit row and the
// notice. applySecurityChange (./apply.ts) carries a row out; test/security-changes.test.ts proves
// every row through its use case. A new change is a new row; a new consequence is a new column
// that every row answers.

export type NoticeName = keyof typeof NOTICES;

export interface SecurityChangeRule {
  /** "others": every session but this browser's; "all": this one too. */
  endSessions: "none" | "others" | "all";
  /** Each remembered browser skipped a second factor that no longer says the same. */
  forgetRememberedDevices: boolean;
  /**
   * Challenges of the account opened before the change (a sign-in, a reset or a phone change in
   * progress, done or not) no longer send, verify or sign in: each was opened against credentials
   * that are not the account's any more.
   */
  endOpenChallenges: boolean;
  /** Outstanding links of these purposes are spent: none of them may undo or race the change. */
  spendEmailLinks: readonly EmailLinkPurpose[];
  audit: AuthEventType;
  /** Counts of what followed that the audit row reports, under these detail names. */
  auditCounts?: Readonly<Record<string, "sessionsEnded" | "devicesForgotten">>;
  /**
   * Who is told: a notice of the catalogue (email to a verified address, text to the phone), or
   * "previous-email": an email to the address that was just replaced. Null: nobody.
   */
  notice: NoticeName | "previous-email" | null;
}

/**
 * The owner's remedies (a new password, a reset, a new phone, "Sign out everywhere else") also
 * cancel a pending email change: it may be the intruder's, and its link would otherwise outlive them.
 */
const OWNER_REMEDY_LINKS = ["reset_password", "change_email"] as const;

/**
 * A change of a factor: the other sessions end, remembered browsers are forgotten, and sign-ins in
 * progress end (one may already have passed the factor taken away, and waits only to be redeemed).
 */
const FACTOR_CHANGE = {
  endSessions: "others",
  forgetRememberedDevices: true,
  endOpenChallenges: true,
  spendEmailLinks: [],
} as const;

/** A factor added: everything a sign-in in progress proved still holds, so it goes on. */
const FACTOR_ADDED = { ...FACTOR_CHANGE, endOpenChallenges: false } as const;

/** Nothing follows but the audit row and the notice. */
const RECORDED_ONLY = {
  endSessions: "none",
  forgetRememberedDevices: false,
  endOpenChallenges: false,
  spendEmailLinks: [],
} as const;

/**
 * An account that never proved its address is removed: all it holds ends before its row goes (the
 * audit row stays, without the account). Nobody is told: the account is gone, and its address was
 * never proven.
 */
const UNVERIFIED_ACCOUNT_REMOVED = {
  endSessions: "all",
  forgetRememberedDevices: true,
  endOpenChallenges: true,
  // The account goes, and every link of it with it.
  spendEmailLinks: [
    "verify_email",
    "reset_password",
    "change_email",
    "lock_down",
    "recover_account",
  ],
  audit: "account_removed",
  notice: null,
} as const;

export const SECURITY_CHANGES = {
  password_changed: {
    ...FACTOR_CHANGE,
    spendEmailLinks: OWNER_REMEDY_LINKS,
    audit: "password_changed",
    notice: "passwordChanged",
  },
  password_reset: {
    endSessions: "all",
    forgetRememberedDevices: true,
    endOpenChallenges: true,
    spendEmailLinks: OWNER_REMEDY_LINKS,
    audit: "password_reset",
    auditCounts: {
      sessionsEnded: "sessionsEnded",
      devicesForgotten: "devicesForgotten",
    },
    notice: "passwordReset",
  },
  phone_changed: {
    ...FACTOR_CHANGE,
    spendEmailLinks: ["change_email"],
    audit: "phone_changed",
    auditCounts: { devicesForgotten: "devicesForgotten" },
    notice: "phoneChanged",
  },
  /** The new address proved itself: the session that asked stays, every other one ends. */
  email_changed: {
    ...RECORDED_ONLY,
    endSessions: "others",
    // A reset in progress was opened by a link to the address that is no longer the account's.
    endOpenChallenges: true,
    spendEmailLinks: ["verify_email", "reset_password", "change_email"],
    audit: "email_changed",
    notice: "previous-email",
  },
  /**
   * A change was asked for: the pending one it replaces is spent, and the current address (with a
   * one-time cancel link in place of the notice's own email) and the phone are told at once.
   */
  email_change_requested: {
    ...RECORDED_ONLY,
    spendEmailLinks: ["change_email"],
    audit: "email_change_requested",
    notice: "emailChangeRequested",
  },
  /** "Cancel email change" on the account page, or the cancel link: the pending change is spent. */
  email_change_cancelled: {
    ...RECORDED_ONLY,
    spendEmailLinks: ["change_email"],
    audit: "email_change_cancelled",
    notice: null,
  },
  authenticator_added: {
    ...FACTOR_ADDED,
    audit: "factor_added",
    notice: "authenticatorAdded",
  },
  authenticator_removed: {
    ...FACTOR_CHANGE,
    audit: "factor_removed",
    notice: "authenticatorRemoved",
  },
  passkey_added: {
    ...FACTOR_ADDED,
    audit: "factor_added",
    notice: "passkeyAdded",
  },
  passkey_removed: {
    ...FACTOR_CHANGE,
    audit: "factor_removed",
    notice: "passkeyRemoved",
  },
  recovery_codes_generated: {
    ...FACTOR_CHANGE,
    audit: "factor_added",
    notice: "recoveryCodesMade",
  },
  /** "Don't accept text-message codes": sign-in and reset stop taking the phone. */
  text_codes_turned_off: {
    ...RECORDED_ONLY,
    // A sign-in opened while the phone was still accepted must not finish with a texted code.
    endOpenChallenges: true,
    audit: "factor_removed",
    notice: "textCodesOff",
  },
  /** Text-message codes accepted again: the way in a SIM swap reaches is back, so it is told. */
  text_codes_turned_on: {
    ...RECORDED_ONLY,
    audit: "factor_added",
    notice: "textCodesOn",
  },
  recovery_code_used: {
    ...RECORDED_ONLY,
    audit: "recovery_code_used",
    notice: "recoveryCodeUsed",
  },
  signed_out_everywhere_else: {
    ...RECORDED_ONLY,
    endSessions: "others",
    spendEmailLinks: ["change_email"],
    // A sign-in waiting to be redeemed elsewhere is a session about to start: it ends too.
    endOpenChallenges: true,
    audit: "sign_out",
    auditCounts: { count: "sessionsEnded" },
    notice: null,
  },
  /** One session ended from the device list (the use case ends that one). */
  signed_out_device: { ...RECORDED_ONLY, audit: "sign_out", notice: null },
  /** A challenge's own attempt cap: that challenge ends, the account does not. */
  challenge_locked: { ...RECORDED_ONLY, audit: "lockout", notice: null },
  /** Wrong second factors in a row paused one client's codes for a while (told once a day). */
  account_locked: {
    ...RECORDED_ONLY,
    audit: "lockout",
    notice: "accountLocked",
  },
  /** Wrong codes from every client together switched the account's guessable codes off. */
  account_disabled: {
    ...RECORDED_ONLY,
    audit: "lockout",
    notice: "accountDisabled",
  },
  /**
   * "Lost your phone and codes?" proved the password, the verified address and a new phone: the
   * waiting period begins and nothing else changes yet. The phone that would be replaced and the
   * address are told when it completes; the email (a cancel link) and a sign-in can cancel it.
   */
  recovery_started: {
    ...RECORDED_ONLY,
    spendEmailLinks: ["recover_account"],
    audit: "recovery_started",
    notice: "recoveryStarted",
  },
  /** The cancel link, or a sign-in with a factor the account already had, ended the wait. */
  recovery_cancelled: {
    ...RECORDED_ONLY,
    spendEmailLinks: ["recover_account"],
    audit: "recovery_cancelled",
    notice: "recoveryCancelled",
  },
  /**
   * The wait ended unopposed: the new phone is the account's only factor (the record layer removed
   * the others), so everything the old ones opened ends with them.
   */
  recovery_completed: {
    endSessions: "all",
    forgetRememberedDevices: true,
    endOpenChallenges: true,
    spendEmailLinks: [...OWNER_REMEDY_LINKS, "recover_account"],
    audit: "recovery_completed",
    auditCounts: {
      sessionsEnded: "sessionsEnded",
      devicesForgotten: "devicesForgotten",
    },
    notice: "recoveryCompleted",
  },
  /** Password attempts from every address together paused the password step for new browsers. */
  password_attempts_paused: {
    ...RECORDED_ONLY,
    audit: "lockout",
    notice: "passwordAttemptsPaused",
  },
  /** "I didn't sign up" on a verification email: the sign-up that named the address is undone. */
  signup_refused: UNVERIFIED_ACCOUNT_REMOVED,
  /** Another sign-up's link proved the address first: the ones still waiting for it are undone. */
  address_proven_elsewhere: UNVERIFIED_ACCOUNT_REMOVED,
  /**
   * Unproven for UNCONFIRMED_ACCOUNT_DAYS, or the oldest of an address's sign-ups past
   * UNVERIFIED_ACCOUNTS_PER_ADDRESS (lib/account/policy.ts): the address is let go.
   */
  unconfirmed_account_expired: UNVERIFIED_ACCOUNT_REMOVED,
  // An operator in the console (lib/steps/console-actions.ts), each with the reason they typed. The
  // person asking may not be the owner, so nothing an operator does leaves a session standing.
  /** "Unlock": the pause or switch-off wrong second factors put on sign-in is lifted. */
  support_unlocked: {
    ...RECORDED_ONLY,
    audit: "account_unlocked",
    notice: "supportUnlocked",
  },
  /** "End all sessions" (ASVS 5.0 7.4.5): a sign-in waiting to be redeemed ends with them. */
  support_ended_sessions: {
    ...RECORDED_ONLY,
    endSessions: "all",
    endOpenChallenges: true,
    spendEmailLinks: ["change_email"],
    audit: "sign_out",
    auditCounts: { count: "sessionsEnded" },
    notice: "supportEndedSessions",
  },
  /** "Remove" on a factor: as the owner's removal, and every session ends. */
  support_removed_factor: {
    ...FACTOR_CHANGE,
    endSessions: "all",
    audit: "factor_removed",
    notice: "supportRemovedFactor",
  },
  /** "Switch off" (ASVS 5.0 7.4.2): sessions end at once, and sign-in is refused while off. */
  support_switched_off: {
    endSessions: "all",
    forgetRememberedDevices: false,
    endOpenChallenges: true,
    spendEmailLinks: OWNER_REMEDY_LINKS,
    audit: "account_switched_off",
    auditCounts: { sessionsEnded: "sessionsEnded" },
    notice: "supportSwitchedOff",
  },
  support_switched_on: {
    ...RECORDED_ONLY,
    audit: "account_switched_on",
    notice: "supportSwitchedOn",
  },
  /**
   * "This wasn't me" (a notice's link or the account page): every session ends, this one too, every
   * remembered browser is forgotten, every sign-in, reset or phone change in progress ends, and
   * every link that changes the account is spent (a pending email change among them); the
   * account then signs in again only after a password reset. A kind of pending change added later
   * (a recovery) is a link purpose or challenge this row must list.
   */
  locked_down: {
    endSessions: "all",
    forgetRememberedDevices: true,
    endOpenChallenges: true,
    // A recovery's link too; one already waiting is cancelled by the lock-down itself.
    spendEmailLinks: [...OWNER_REMEDY_LINKS, "recover_account"],
    audit: "locked_down",
    auditCounts: {
      sessionsEnded: "sessionsEnded",
      devicesForgotten: "devicesForgotten",
    },
    notice: "lockedDown",
  },
  /**
   * "Delete account": every session ends at once (ASVS 5.0 7.4.2), and nothing in progress outlives
   * it; the account waits out its grace period, and a sign-in cancels it.
   */
  deletion_requested: {
    endSessions: "all",
    forgetRememberedDevices: true,
    endOpenChallenges: true,
    spendEmailLinks: [
      "verify_email",
      "reset_password",
      "change_email",
      "recover_account",
    ],
    audit: "deletion_requested",
    auditCounts: { sessionsEnded: "sessionsEnded" },
    notice: "deletionRequested",
  },
  /** A sign-in during the grace period kept the account. */
  deletion_cancelled: {
    ...RECORDED_ONLY,
    audit: "deletion_cancelled",
    notice: "deletionCancelled",
  },
} as const satisfies Record<string, SecurityChangeRule>;

export type SecurityChange = keyof typeof SECURITY_CHANGES;
