// Abuse limits, each with the source it follows. Every count can be raised through env
// (lib/limits/settings.ts); the lockout ladder is fixed policy.

/** The bound; Twilio Verify allows 5 sends per number per 10 minutes, so this is stricter. */
export const SENDS_PER_PHONE_PER_HOUR = 5;
/** A household or office behind one address signs up a few people, not dozens (OWASP ASVS V2.2.1). */
export const SENDS_PER_IP_PER_HOUR = 20;
/** Two full challenges (5 sends each, lib/challenge/policy.ts MAX_SENDS) per hour per account. */
export const SENDS_PER_ACCOUNT_PER_HOUR = 10;
/** Better Auth and Clerk: 10 failures lock an account for 15 minutes to an hour. */
export const LOGINS_PER_ACCOUNT_PER_15_MIN = 10;
/** Per address: five accounts' worth of attempts, so shared NATs still work (Better Auth style). */
export const LOGINS_PER_IP_PER_15_MIN = 50;
/** A spending cap against SMS pumping: texts and calls together per UTC day, across all users. */
export const DAILY_MESSAGE_BUDGET = 1000;

/** A challenge that died from too many wrong codes counts as one failure for its account. */
export const LOCKOUT_AFTER_FAILED_CHALLENGES = 3;
/** NIST 800-63B §5.2.2: throttling may grow up to an hour; the 3rd, 4th, 5th and later failures. */
export const LOCKOUT_LADDER_SECONDS = [60, 300, 900, 3600] as const;
/** Failures are forgotten a day after the last one (a success does not reset them: see README). */
export const FAILURE_MEMORY_SECONDS = 86_400;

export const HOUR = 3600;
export const FIFTEEN_MINUTES = 900;
export const DAY = 86_400;
