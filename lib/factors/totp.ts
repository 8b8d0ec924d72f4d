import "server-only";
import { Secret, TOTP } from "otpauth";
import {
  TOTP_ALGORITHM,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  TOTP_SECRET_BYTES,
  TOTP_WINDOW_STEPS,
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
 * The time step (RFC 6238's T) of the code's match within one step either way of `now`, or null.
 * The caller accepts a step once per account: a replayed code matches the same step again.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now = Date.now(),
): number | null {
  const totp = totpFor(secret);
  const delta = totp.validate({
    token: code,
    timestamp: now,
    window: TOTP_WINDOW_STEPS,
  });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** The secret in groups of 4, as a person types it into an app that cannot scan. */
export function formatSetupKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(" ");
}
