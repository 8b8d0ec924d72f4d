import "server-only";
import type { RunScript, UpstashRedis } from "@/lib/redis/client";
import { SESSION_LIFETIMES, type SessionLifetimes } from "./policy";
import { CHECK_SESSION, CREATE_SESSION, REVOKE_USER_SESSIONS } from "./scripts";
import type { SessionRecord, SessionRefusal, SessionStore } from "./types";

// Sessions on the challenge store's Redis, through the one Upstash client and script runner of
// lib/redis/client.ts: every call is one HTTP request (a script, HDEL or HGETALL).

const DEFAULT_PREFIX = "twostep:session:";

export function createUpstashSessionStore(
  redis: UpstashRedis,
  run: RunScript,
  {
    prefix = DEFAULT_PREFIX,
    lifetimes = SESSION_LIFETIMES,
  }: { prefix?: string; lifetimes?: SessionLifetimes } = {},
): SessionStore {
  const userKey = (userId: string) => `${prefix}u:${userId}`;
  const fieldsOf = (id: string) => [`${id}:c`, `${id}:l`, `${id}:m`];
  const script = (body: string, key: string, args: (string | number)[]) =>
    run(body, [key], args);

  return {
    kind: "upstash",
    async createSession({ id, userId, createdAt, ip, userAgent }) {
      const meta = JSON.stringify({ ip, userAgent });
      const { idleMs, absoluteMs, maxPerUser } = lifetimes;
      await script(CREATE_SESSION, userKey(userId), [
        id,
        createdAt,
        meta,
        idleMs,
        absoluteMs,
        maxPerUser,
      ]);
    },
    async checkSession(userId, id, now) {
      const args = [id, now, lifetimes.idleMs, lifetimes.absoluteMs];
      const reply = String(await script(CHECK_SESSION, userKey(userId), args));
      return reply === "ok"
        ? { ok: true }
        : { ok: false, reason: reply as SessionRefusal };
    },
    async revokeSession(userId, id) {
      return (await redis.hdel(userKey(userId), ...fieldsOf(id))) > 0;
    },
    async revokeUserSessions(userId, exceptId = "") {
      const key = userKey(userId);
      return Number(await script(REVOKE_USER_SESSIONS, key, [exceptId]));
    },
    async listSessions(userId, now) {
      const raw: unknown = await redis.hgetall(userKey(userId));
      return toRecords(userId, asObject(raw))
        .filter(
          (s) =>
            now - s.createdAt < lifetimes.absoluteMs &&
            now - s.lastSeenAt < lifetimes.idleMs,
        )
        .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    },
  };
}

/** HGETALL without the client's deserialisation is a flat [field, value, …] list. */
function asObject(raw: unknown): Record<string, unknown> {
  if (!Array.isArray(raw)) return (raw as Record<string, unknown>) ?? {};
  const fields: Record<string, unknown> = {};
  for (let i = 0; i + 1 < raw.length; i += 2)
    fields[String(raw[i])] = raw[i + 1];
  return fields;
}

// A client that JSON-parses what it reads gives numbers as numbers and the meta as an
// object; both shapes are accepted, so the store works with either client setting.
function toRecords(
  userId: string,
  fields: Record<string, unknown>,
): SessionRecord[] {
  const records: SessionRecord[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const id = field.endsWith(":c") ? field.slice(0, -2) : null;
    if (!id) continue;
    const raw = fields[`${id}:m`];
    const meta = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
      ip?: string | null;
      userAgent?: string | null;
    } | null;
    records.push({
      id,
      userId,
      createdAt: Number(value),
      lastSeenAt: Number(fields[`${id}:l`]),
      ip: meta?.ip ?? null,
      userAgent: meta?.userAgent ?? null,
    });
  }
  return records;
}
