import "server-only";
import type { JWT } from "next-auth/jwt";
import { getSessionStore } from "@/lib/sessions";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/sessions/policy";
import type { SessionRefusal } from "@/lib/sessions/types";

// The session JWT names a server-side session (token.sid) and carries the moment of sign-in
// (token.authTime, epoch seconds, as OIDC's auth_time). next-auth re-signs the JWT with a fresh
// expiry on every read, so neither its `exp` nor its `iat` can bound a session; these claims can.

const SESSION_ENDED = "SessionEndedError";

/** Thrown from next-auth's jwt callback: next-auth then answers no session and clears the cookie. */
export class SessionEndedError extends Error {
  constructor(readonly reason: SessionRefusal) {
    super(`session refused: ${reason}`);
    this.name = SESSION_ENDED; // a string, so minified builds still recognise it
  }
}

export function isSessionEnded(error: unknown): boolean {
  return (error as Error | undefined)?.name === SESSION_ENDED;
}

/**
 * Refuses a token whose session was revoked, left idle too long or signed in too long ago. One
 * store round trip (an atomic script that also records this visit); none when the token alone
 * already shows the session is too old or names no session.
 */
export async function assertSessionLive(
  token: JWT,
  now = Date.now(),
): Promise<void> {
  const { sub, sid, authTime } = token;
  if (!sub || typeof sid !== "string" || typeof authTime !== "number")
    throw new SessionEndedError("missing");
  if (now - authTime * 1000 >= SESSION_ABSOLUTE_SECONDS * 1000)
    throw new SessionEndedError("expired");
  const check = await getSessionStore().checkSession(sub, sid, now);
  if (!check.ok) throw new SessionEndedError(check.reason);
}

/** Seconds the JWT may still live: never past the absolute end of its session. */
export function remainingSeconds(token: JWT | undefined, maxAge: number) {
  const authTime = token?.authTime;
  if (typeof authTime !== "number") return maxAge;
  const end = authTime + SESSION_ABSOLUTE_SECONDS;
  return Math.max(1, Math.min(maxAge, end - Math.floor(Date.now() / 1000)));
}
