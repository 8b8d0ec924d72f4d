// The numbers behind the authenticator app and recovery codes, each with the source it follows.

/** RFC 6238 §4 and ASVS 5.0 6.5.x: a time-based code lives one 30-second step (what every app uses). */
export const TOTP_PERIOD_SECONDS = 30;
/** NIST SP 800-63B-4 (OTP authenticators): at least 6 digits; the apps' default. */
export const TOTP_DIGITS = 6;
/** RFC 6238 §5.2: allow at most one step of clock drift either way. */
export const TOTP_WINDOW_STEPS = 1;
/** RFC 4226 §4 (R6): a shared secret of at least 128 bits, 160 recommended: 20 bytes. */
export const TOTP_SECRET_BYTES = 20;
/** RFC 6238 §1.2's default hash, the only one every authenticator app supports. */
export const TOTP_ALGORITHM = "SHA1";
/** The name the app shows next to the account. */
export const TOTP_ISSUER = "Twostep";

/** Better Auth and GitHub hand out 10; enough for years of lost phones, few enough to keep on paper. */
export const RECOVERY_CODE_COUNT = 10;
/**
 * ASVS 5.0 6.5.2: a lookup secret under 112 bits must be stored with a password hash; at 112 bits
 * or more a fast hash is enough. 24 base32 characters are 120 bits (NIST SP 800-63B-4 §4.2 asks at
 * least 64), so each code is stored as an HMAC and found by an index, not by 10 argon2id checks.
 */
export const RECOVERY_CODE_CHARS = 24;
/** Shown in groups of 4 characters, easier to copy by hand. */
export const RECOVERY_CODE_GROUP = 4;

/**
 * ASVS 5.0 7.5.1 (re-authenticate before changing factors); Clerk's reverification window: removing
 * a factor needs a second factor passed within the last 10 minutes.
 */
export const FRESH_SECOND_FACTOR_SECONDS = 10 * 60;
