// Remembered devices: a browser that passed the second factor may skip it (never the password)
// for a while. Each number names its source.

/** The promise of the checkbox "Remember this device for 30 days"; the server's record and the
 * cookie end together. NIST SP 800-63B-4 §2.2.3 bounds a session at AAL2, not this: a remembered
 * device still needs the password at every sign-in, and the record can be forgotten at any time. */
export const REMEMBER_DEVICE_DAYS = 30;
export const REMEMBER_DEVICE_SECONDS = REMEMBER_DEVICE_DAYS * 86_400;

/** 256 bits from the CSPRNG: OWASP ASVS 5.0 §7.2.3 asks at least 128 bits of a reference token. */
export const DEVICE_TOKEN_BYTES = 32;

/** Most devices one person keeps remembered; remembering another forgets the least recently used. */
export const MAX_REMEMBERED_DEVICES = 10;

/** The keyed-hash purpose (lib/keys.ts) of device tokens, and nothing else. */
export const DEVICE_TOKEN_PURPOSE = "remembered-device";
