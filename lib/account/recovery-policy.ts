// The numbers of "Lost your phone and codes?", each with the reason it is what it is.

/**
 * NIST SP 800-63B-4 §4.2.1 (account recovery): a recovery that binds a new authenticator after
 * every other one is lost notifies the subscriber and gives them time to object. Three days is
 * long enough for an owner who sees the notice on a weekend to act; less than one day would let a
 * person who holds the password and the mailbox finish while the owner sleeps.
 */
export const RECOVERY_WAITING_HOURS_DEFAULT = 72;
/** The floor no setting goes below: a whole day for the owner to see the notice and cancel. */
export const RECOVERY_WAITING_HOURS_MIN = 24;
/** A month: longer only keeps a person who lost everything out for no gain. */
export const RECOVERY_WAITING_HOURS_MAX = 24 * 30;
/** The email link that proves the verified address lives as long as a reset link does. */
export { RESET_LINK_TTL_SECONDS as RECOVERY_LINK_TTL_SECONDS } from "@/lib/email-links/policy";
