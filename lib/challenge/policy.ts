// The numbers that make the second factor safe, each with the source it follows.

/** NIST SP 800-63B-4 §3.1.3.2: at least 6 digits; with the attempt caps below 6 is enough. */
export const CODE_DIGITS = 6;
/** NIST SP 800-63B-4 §3.1.3.2 and ASVS 5.0 6.5.x: valid at most 10 minutes; we use 5. */
export const CODE_TTL_SECONDS = 300;
/** Twilio Verify: 5 checks per verification; Better Auth: 5 attempts per code. Resends keep the count. */
export const MAX_WRONG_ATTEMPTS = 5;
/** Twilio Verify: 5 sends per verification window. */
export const MAX_SENDS = 5;
/** Clerk: 30 s between resends, so a person cannot flood their own phone. */
export const RESEND_COOLDOWN_SECONDS = 30;
/** The whole step (all sends and attempts) must finish within 15 minutes, then the person starts over. */
export const CHALLENGE_TTL_SECONDS = 900;

/** Better Auth and Clerk lock after 10 failures: wrong codes in a row per account, across challenges,
 * resends and channels (NIST SP 800-63B-4 §3.1.3.2: a new secret does not reset the count). */
export const LOCK_AFTER_FAILURES = 10;
/** NIST SP 800-63B-4 §3.2.2: delays may grow up to an hour; the 10th, 11th, 12th and later failures. */
export const LOCK_LADDER_SECONDS = [60, 300, 900, 3600] as const;
/** NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failures, then the authenticator is disabled. */
export const DISABLE_AFTER_FAILURES = 100;
/** Failures in a row are forgotten after 30 days without another; a success resets them at once. */
export const FAILURE_MEMORY_SECONDS = 30 * 86_400;
