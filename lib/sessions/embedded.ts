import { SESSION_LIFETIMES, type SessionLifetimes } from "./policy";
import type { SessionCheck, SessionRecord, SessionStore } from "./types";

// In-process session store for development and tests: same semantics as the Upstash store. Every
// method body runs without an await, so each is atomic on Node's single thread. State lives in
// this process only: not for production behind more than one instance.

export function createEmbeddedSessionStore(
  lifetimes: SessionLifetimes = SESSION_LIFETIMES,
): SessionStore {
  const users = new Map<string, Map<string, SessionRecord>>();

  const refusal = (s: SessionRecord, now: number): SessionCheck => {
    if (now - s.createdAt >= lifetimes.absoluteMs)
      return { ok: false, reason: "expired" };
    if (now - s.lastSeenAt >= lifetimes.idleMs)
      return { ok: false, reason: "idle" };
    return { ok: true };
  };
  function prune(sessions: Map<string, SessionRecord>, now: number) {
    for (const [id, s] of sessions) {
      if (!refusal(s, now).ok) sessions.delete(id);
    }
  }

  return {
    kind: "embedded",
    async createSession(session) {
      const sessions = users.get(session.userId) ?? new Map();
      users.set(session.userId, sessions);
      prune(sessions, session.createdAt);
      while (sessions.size >= lifetimes.maxPerUser) {
        const stalest = [...sessions.values()].reduce((a, b) =>
          b.lastSeenAt < a.lastSeenAt ? b : a,
        );
        sessions.delete(stalest.id);
      }
      sessions.set(session.id, { ...session, lastSeenAt: session.createdAt });
    },
    async checkSession(userId, id, now) {
      const sessions = users.get(userId);
      const s = sessions?.get(id);
      if (!sessions || !s) return { ok: false, reason: "missing" };
      const check = refusal(s, now);
      if (!check.ok) sessions.delete(id);
      else s.lastSeenAt = Math.max(s.lastSeenAt, now);
      return check;
    },
    async revokeSession(userId, id) {
      return users.get(userId)?.delete(id) ?? false;
    },
    async revokeUserSessions(userId, exceptId) {
      const sessions = users.get(userId);
      if (!sessions) return 0;
      let ended = 0;
      for (const id of [...sessions.keys()]) {
        if (id !== exceptId && sessions.delete(id)) ended++;
      }
      return ended;
    },
    async listSessions(userId, now) {
      return [...(users.get(userId)?.values() ?? [])]
        .filter((s) => refusal(s, now).ok)
        .map((s) => ({ ...s }))
        .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    },
  };
}

const holder = globalThis as typeof globalThis & {
  __twostepSessionStore?: SessionStore;
};

/** One store per process, kept on globalThis so Next's dev reloads keep people signed in. */
export function getEmbeddedSessionStore(): SessionStore {
  holder.__twostepSessionStore ??= createEmbeddedSessionStore();
  return holder.__twostepSessionStore;
}
