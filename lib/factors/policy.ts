import type { ChallengeFactor } from "@/lib/store/types";

// The numbers behind the authenticator app and recovery codes, each with the source it follows.

/** RFC 6238 §4 and ASVS 5.0 6.5.x: a time-based code lives one 30-second step (what every app uses). */
export const TOTP_PERIOD_SECONDS = 30;
/** NIST SP 800-63B-4 (OTP authenticators): at least 6 digits; the apps' default. */
export const TOTP_DIGITS = 6;
/**
 * RFC 6238 §5.2 allows for clock drift; ASVS 5.0 6.5.5 wants a time-based code to live no longer
 * than its step. A phone's clock that runs behind, or a code typed as its step ends, needs the
 * previous step; nothing needs the next one. So the current step and one step back are accepted:
 * a code lives at most two steps (60 s), never the three (90 s) a window either way gives.
 */
export const TOTP_PAST_STEPS_ACCEPTED = 1;
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
 * ASVS 5.0 7.5.1 (re-authenticate before changing factors); Clerk's reverification window: adding
 * or removing a factor, or changing how the account is reached, needs a second factor passed
 * within the last 10 minutes. A route declares it (lib/http/routes.ts).
 */
export const FRESH_SECOND_FACTOR_MINUTES = 10;
export const FRESH_SECOND_FACTOR_SECONDS = FRESH_SECOND_FACTOR_MINUTES * 60;

/**
 * How a session signed in, as its `amr` claim records it (after OIDC's "authentication methods
 * references"): the second factor that passed, or "device", a remembered browser that skipped it.
 */
export type SignInMethod = ChallengeFactor;

/**
 * Whether a sign-in by `method` proved a second factor. A remembered browser proved only the
 * password and a cookie, so it never counts as a fresh second factor; an unknown method (a session
 * cookie issued before the claim existed) neither.
 */
export function provedSecondFactor(method: unknown): boolean {
  return (
    method === "phone" ||
    method === "totp" ||
    method === "recovery" ||
    method === "passkey"
  );
}

/**
 * Whether a second factor passed at `secondFactorAt` (epoch ms; null when unknown) is recent enough
 * at `now`, within `withinMinutes`. Unknown is never fresh.
 */
export function isFreshSecondFactor(
  secondFactorAt: number | null,
  now = Date.now(),
  withinMinutes = FRESH_SECOND_FACTOR_MINUTES,
): boolean {
  if (secondFactorAt === null) return false;
  return now - secondFactorAt <= withinMinutes * 60 * 1000;
}

/**
 * WebAuthn Level 3 §13.4.3: a challenge of at least 16 random bytes; 32 as the other tokens here.
 * The challenge also carries, sealed, which step it belongs to and when it ends.
 */
export const PASSKEY_CHALLENGE_BYTES = 32;
/**
 * WebAuthn Level 3 §5.4 (timeout): 300 000 ms to 600 000 ms is the recommended range when user
 * verification is required; the browser's prompt and the sealed challenge both end after 5 minutes.
 */
export const PASSKEY_TIMEOUT_SECONDS = 5 * 60;
/** COSE algorithms accepted (IANA COSE registry): ES256 (-7), EdDSA (-8), RS256 (-257). */
export const PASSKEY_ALGORITHMS = [-7, -8, -257];
/** One per device a person owns, with room to spare; bounds the rows one account can add. */
export const PASSKEY_MAX_PER_ACCOUNT = 10;
/** The name a person gives a passkey ("Work laptop"), shown in the list. */
export const PASSKEY_NAME_MAX_CHARS = 64;
/** The relying party's name the browser shows in its passkey prompt. */
export const PASSKEY_RP_NAME = "Twostep";

/** What deciding about text-message codes needs to know of a person's factors. */
export interface TextCodesFacts {
  /** The stored choice, "Don't accept text-message codes". */
  textCodesOff: boolean;
  passkeys: number;
  totp: unknown;
  recoveryCodes: { left: number } | null;
}

/**
 * NIST SP 800-63B-4 §3.1.3.3 (the phone is a restricted authenticator; offer an alternative) and a
 * SIM swap's reach: a person may refuse phone codes only while a stronger factor (a passkey or an
 * authenticator app) and an unused recovery code both remain, so refusing never leaves them
 * without a way in.
 */
export const canRefuseTextCodes = (f: TextCodesFacts): boolean =>
  (f.passkeys > 0 || Boolean(f.totp)) && (f.recoveryCodes?.left ?? 0) > 0;

/**
 * Whether sign-in and reset refuse the phone as a second factor now. Derived on every use, never
 * stored: the moment the stronger factor or the last recovery code is gone, text codes are accepted
 * again by themselves, whichever way it went (a removal, a code spent), and the choice applies
 * again once both are back.
 */
export const refusesTextCodes = (f: TextCodesFacts): boolean =>
  f.textCodesOff && canRefuseTextCodes(f);
