// Known browsers: which browsers an account has signed in from, so a sign-in from another one is
// emailed. Each number names its source.

/** RFC 6265bis §5.5 caps a cookie's lifetime at 400 days (browsers enforce it): the longest a
 * browser can stay known without signing in again. */
export const BROWSER_COOKIE_DAYS = 400;
export const BROWSER_COOKIE_SECONDS = BROWSER_COOKIE_DAYS * 86_400;

/** 256 bits from the CSPRNG, like a device token: ASVS 5.0 §7.2.3 asks at least 128 bits. */
export const BROWSER_TOKEN_BYTES = 32;

/** Most browsers one account keeps as known; a new one past it forgets the least recently seen, so
 * a loop of sign-ins cannot grow the table. A person rarely uses more than a handful. */
export const MAX_KNOWN_BROWSERS = 50;

/** The keyed-hash purpose (lib/keys.ts) of browser tokens, and nothing else. */
export const BROWSER_TOKEN_PURPOSE = "known-browser";
