import "server-only";
import { Secret, TOTP } from "otpauth";
import {
  TOTP_ALGORITHM,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  TOTP_SECRET_BYTES,
  TOTP_PAST_STEPS_ACCEPTED,
} from "./policy";

// Authenticator app codes (RFC 6238) through otpauth: the secret is base32, as apps take it.

function totpFor(secret: string, account?: string) {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account ?? "",
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new shared secret from the CSPRNG, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

/** The otpauth:// URI a QR code carries to the app. */
export function totpUri(secret: string, account: string): string {
  return totpFor(secret, account).toString();
}

/**
 * The time step (RFC 6238's T) the code belongs to, if it is the current step's or one of the
 * TOTP_PAST_STEPS_ACCEPTED before it; otherwise null. A code of a later step is refused: it can
 * only come from a clock that runs ahead, or from someone who has the secret. The caller accepts a
 * step once per account: a replayed code matches the same step again.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now = Date.now(),
): number | null {
  const totp = totpFor(secret);
  const current = totp.counter({ timestamp: now });
  for (let back = 0; back <= TOTP_PAST_STEPS_ACCEPTED; back += 1) {
    // otpauth compares in constant time; window 0 checks that one step only.
    const at = now - back * TOTP_PERIOD_SECONDS * 1000;
    if (totp.validate({ token: code, timestamp: at, window: 0 }) === 0)
      return current - back;
  }
  return null;
}

/** The secret in groups of 4, as a person types it into an app that cannot scan. */
export function formatSetupKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(" ");
}
