// How long a deleted account waits before it is erased, and why.

/**
 * Days a sign-in may still cancel a deletion: a week covers a deletion asked for by mistake, or by
 * an intruder, being noticed from its email and text, as the deletions of the large providers allow.
 */
export const DELETION_GRACE_DAYS_DEFAULT = 7;
/** At least a day: the owner must have time to read the notice and sign in. */
export const DELETION_GRACE_DAYS_MIN = 1;
/** At most a year: data kept longer than that is no longer a grace period. */
export const DELETION_GRACE_DAYS_MAX = 365;
/** Accounts one run of the erasure handles at most, so a run stays within a function's time. */
export const ERASURES_PER_RUN = 100;
