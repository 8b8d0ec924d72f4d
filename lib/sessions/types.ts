// The session store port: the server's record of who is signed in where. Upstash (Redis) and the
// embedded in-process store implement it and are held to one contract suite.

/** One signed-in browser. Times are epoch milliseconds. */
export interface SessionRecord {
  /** Random, at least 128 bits (lib/sessions/policy.ts); also carried in the session's JWT. */
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
}

/** Why a session was refused: gone (revoked, or never existed), idle too long, or too old. */
export type SessionRefusal = "missing" | "idle" | "expired";

export type SessionCheck = { ok: true } | { ok: false; reason: SessionRefusal };

export interface SessionStore {
  readonly kind: "embedded" | "upstash";
  /**
   * One round trip: records a new session (createdAt = lastSeenAt = now), dropping the user's
   * expired sessions and, past the per-user cap, the one seen least recently.
   */
  createSession(session: SessionRecord): Promise<void>;
  /**
   * One round trip, atomic: the session exists, belongs to userId, is within its idle and absolute
   * lifetimes at `now`; then lastSeenAt becomes now. A session refused for its age is deleted.
   */
  checkSession(userId: string, id: string, now: number): Promise<SessionCheck>;
  /** One round trip: ends one session; true when it was there. */
  revokeSession(userId: string, id: string): Promise<boolean>;
  /** One round trip, atomic: ends every session of the user but `exceptId`; returns how many. */
  revokeUserSessions(userId: string, exceptId?: string): Promise<number>;
  /** One round trip: the user's live sessions at `now`, most recently seen first. */
  listSessions(userId: string, now: number): Promise<SessionRecord[]>;
}
