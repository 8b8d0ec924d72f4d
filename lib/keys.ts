import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
} from "node:crypto";
import { getEnv } from "@/lib/env";

// One configured secret; each use gets its own key (HKDF, RFC 5869) so no key serves two purposes.

/** Every purpose a key is derived for: a typo is a type error, not a silently different key. */
export type KeyPurpose =
  | "otp-code"
  | "voice-code"
  | "challenge-account"
  | "sms-status-ref"
  | "limit-key"
  | "email-link"
  | "totp-secret"
  | "recovery-code"
  | "webauthn-challenge"
  | "passkey-user"
  | "session-handle"
  | "known-browser"
  | "remembered-device"
  | "proof-of-work";

const keys = new Map<KeyPurpose, Buffer>();

function deriveKey(purpose: KeyPurpose): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(
      hkdfSync("sha256", getEnv().authSecret, "twostep", purpose, 32),
    );
    keys.set(purpose, key);
  }
  return key;
}

/** Keyed hash (HMAC-SHA256): what the store keeps instead of a code, so a copy of it reveals none. */
export function keyedHash(purpose: KeyPurpose, value: string): string {
  return createHmac("sha256", deriveKey(purpose))
    .update(value)
    .digest("base64url");
}

/** AES-256-GCM, for the one value that must be read back (the code a voice call speaks). */
export function seal(purpose: KeyPurpose, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  const body = Buffer.concat([
    cipher.update(plaintext, "utf8"),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function unseal(purpose: KeyPurpose, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv(
      "aes-256-gcm",
      deriveKey(purpose),
      raw.subarray(0, 12),
    );
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([
      decipher.update(raw.subarray(28)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/** 256 bits from the CSPRNG, URL-safe: challenge ids, call tokens. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}
