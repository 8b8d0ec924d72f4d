// What a new password must be. Plain constants, so forms and schemas can share them.

// NIST SP 800-63B-4 §3.1.1.2: at least 8 characters when a second factor follows, allow at
// least 64, no composition rules. 128 fits any passphrase and keeps argon2's input bounded.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// NIST SP 800-63B-4 §3.1.1.2 and ASVS 5.0 6.2.4 (top 3000 at least): refuse commonly used
// passwords. Password guessing is throttled to about a thousand tries a day per account, so the
// 100,000 most common cover what an online attacker gets to try for months.
export const COMMON_PASSWORDS_REFUSED = 100_000;

// ASVS 5.0 6.1.2 / 6.2.11: words from the context that a password may not contain.
export const PRODUCT_NAME = "twostep";
/** Shorter context words are skipped: "jo@example.com" must not ban every password with "jo". */
export const CONTEXT_WORD_MIN_LENGTH = 4;

// Have I Been Pwned's range API, when PASSWORD_BREACH_CHECK=hibp (ASVS 5.0 6.2.12).
export const HIBP_RANGE_URL = "https://api.pwnedpasswords.com/range/";
/** A signup waits at most this long for it; past that the shipped list decides alone. */
export const HIBP_TIMEOUT_MS = 2_000;
