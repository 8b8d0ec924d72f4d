// How long a signed-in session lasts, each number with the source it follows.

/**
 * Absolute lifetime from the moment of sign-in, however active the person is. NIST SP 800-63B-4
 * (AAL2 reauthentication) allows up to 24 hours; 12 is what this starter has always promised.
 * ASVS 5.0 7.3.2.
 */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** NIST SP 800-63B-4 (AAL2): reauthenticate after 1 hour of inactivity. ASVS 5.0 7.3.1. */
export const SESSION_IDLE_SECONDS = 60 * 60;

/** Random bytes in a session id: 256 bits, twice the 128 that ASVS 5.0 7.2.3 asks for. */
export const SESSION_ID_BYTES = 32;

/**
 * Concurrent sessions (ASVS 5.0 7.1.2): several devices may be signed in at once. A sign-in beyond
 * this many live sessions ends the one seen least recently, so a person's record stays bounded.
 */
export const MAX_SESSIONS_PER_USER = 20;

export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
  maxPerUser: number;
}

export const SESSION_LIFETIMES: SessionLifetimes = {
  idleMs: SESSION_IDLE_SECONDS * 1000,
  absoluteMs: SESSION_ABSOLUTE_SECONDS * 1000,
  maxPerUser: MAX_SESSIONS_PER_USER,
};
