// The numbers that make the second factor safe, each with the source it follows.

/** NIST 800-63B §5.1.3.2 / ASVS 2.7.6: ≥ 20 bits would need 7 digits; 6 digits (~19.9 bits) is the
 * industry norm (Twilio Verify, Better Auth) and is safe with the attempt cap below. */
export const CODE_DIGITS = 6;
/** NIST 800-63B §5.1.3.2 and ASVS 2.7.2: valid at most 10 minutes; we use 5. */
export const CODE_TTL_SECONDS = 300;
/** Twilio Verify: 5 checks per verification; Better Auth: 5 attempts per code. Resends keep the count. */
export const MAX_WRONG_ATTEMPTS = 5;
/** Twilio Verify: 5 sends per verification window. */
export const MAX_SENDS = 5;
/** Clerk: 30 s between resends, so a person cannot flood their own phone. */
export const RESEND_COOLDOWN_SECONDS = 30;
/** The whole step (all sends and attempts) must finish within 15 minutes, then the person starts over. */
export const CHALLENGE_TTL_SECONDS = 900;
