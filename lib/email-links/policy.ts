// The numbers of links sent by email, each with the reason it has.

/** A sign-up's verification link: a day, so the email can still be opened the next morning. */
export const VERIFY_EMAIL_LINK_TTL_SECONDS = 24 * 3600;
/** A link that proves a new address before it replaces the account's: a day, as a sign-up's. */
export const CHANGE_EMAIL_LINK_TTL_SECONDS = 24 * 3600;
/** A reset link: short (OWASP Forgot Password Cheat Sheet: reset tokens expire after a short
 * time), and half an hour is enough to open the email and get the phone code. */
export const RESET_LINK_TTL_SECONDS = 30 * 60;
/** A notice's "This wasn't me" link: a week, as notices are read late, and it grants nothing. */
export const LOCK_DOWN_LINK_TTL_SECONDS = 7 * 24 * 3600;
/** Where a lock-down link opens: a page whose button, not the visit, locks the account down. */
export const LOCK_DOWN_PATH = "/lock-down";
/** Tokens are lib/keys.ts randomToken(): 256 bits from the CSPRNG, above the 128 that ASVS 5.0
 * V7.2.3 asks of a token standing for a person; base64url, 43 characters. */
export const LINK_TOKEN_PATTERN = /^[\w-]{43}$/;
