import "server-only";
import type { RequestFacts } from "@/lib/context";
import { randomBytes } from "node:crypto";
import { getScriptRunner } from "@/lib/store";
import { getUpstashRedis } from "@/lib/redis/client";
import { getEmbeddedSessionStore } from "./embedded";
import { SESSION_ID_BYTES } from "./policy";
import type { SessionRecord, SessionStore } from "./types";
import { createUpstashSessionStore } from "./upstash";

export type * from "./types";

// The server's record of each signed-in browser: what makes sign-out, a password or factor change,
// and the lifetimes hold even for a copied cookie. The session's JWT only names a record here.

let store: SessionStore | undefined;

/** Upstash when configured, else in-process; one per process (like the code store). */
export function getSessionStore(): SessionStore {
  const redis = getUpstashRedis();
  const run = getScriptRunner();
  store ??=
    redis && run
      ? createUpstashSessionStore(redis, run)
      : getEmbeddedSessionStore();
  return store;
}

/** Records a new session for a person who just passed both factors. */
export async function startSession(
  userId: string,
  request: Partial<RequestFacts> = {},
  now = Date.now(),
): Promise<SessionRecord> {
  const session: SessionRecord = {
    id: randomBytes(SESSION_ID_BYTES).toString("base64url"),
    userId,
    createdAt: now,
    lastSeenAt: now,
    ip: request.ip ?? null,
    userAgent: request.userAgent ?? null,
  };
  await getSessionStore().createSession(session);
  return session;
}

/** Sign-out: this session is refused from the next request on, wherever its cookie was copied. */
export async function endSession(userId: string, id: string): Promise<void> {
  await getSessionStore().revokeSession(userId, id);
}

/**
 * Ends every session of a person, except the one making the change when given: for a password,
 * phone or factor change, or a reset. Returns how many ended.
 */
export function revokeUserSessions(
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  return getSessionStore().revokeUserSessions(userId, exceptSessionId);
}

/**
 * Whether a session is still signed in at `now` (not ended, idle or too old), without counting this
 * look as its use: what an email change's link checks of the session that asked for it.
 */
export async function isSessionLive(
  userId: string,
  id: string,
  now = Date.now(),
): Promise<boolean> {
  const live = await getSessionStore().listSessions(userId, now);
  return live.some((s) => s.id === id);
}
