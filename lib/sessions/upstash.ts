import "server-only";
import { createHash } from "node:crypto";
import { createUpstashRedis, type UpstashConfig } from "@/lib/store/upstash";
import { SESSION_LIFETIMES, type SessionLifetimes } from "./policy";
import { CHECK_SESSION, CREATE_SESSION, REVOKE_USER_SESSIONS } from "./scripts";
import type { SessionRecord, SessionRefusal, SessionStore } from "./types";

// Sessions on the code store's Redis, through the Upstash client of lib/store/upstash.ts. The only
// Upstash-specific session code: every call is one HTTP request (a script, HDEL or HGETALL).

const DEFAULT_PREFIX = "twostep:session:";

type Eval = (s: string, k: string[], a: string[]) => Promise<unknown>;

export function createUpstashSessionStore(
  { prefix = DEFAULT_PREFIX, ...config }: UpstashConfig,
  lifetimes: SessionLifetimes = SESSION_LIFETIMES,
): SessionStore {
  const redis = createUpstashRedis(config);
  const scripts = redis as unknown as { eval: Eval; evalsha: Eval };
  const userKey = (userId: string) => `${prefix}u:${userId}`;
  const fieldsOf = (id: string) => [`${id}:c`, `${id}:l`, `${id}:m`];
  const loaded = new Set<string>();
  let trips = 0;

  // EVAL once (Redis caches the script), then EVALSHA; NOSCRIPT after a restart retries with EVAL.
  async function run(script: string, key: string, args: (string | number)[]) {
    const sha = createHash("sha1").update(script).digest("hex");
    const argv = args.map(String);
    trips++;
    if (loaded.has(sha)) {
      try {
        return await scripts.evalsha(sha, [key], argv);
      } catch (e) {
        if (!String(e).includes("NOSCRIPT")) throw e;
        trips++;
      }
    }
    const result = await scripts.eval(script, [key], argv);
    loaded.add(sha);
    return result;
  }

  return {
    kind: "upstash",
    async createSession({ id, userId, createdAt, ip, userAgent }) {
      const meta = JSON.stringify({ ip, userAgent });
      const { idleMs, absoluteMs, maxPerUser } = lifetimes;
      await run(CREATE_SESSION, userKey(userId), [
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
      const reply = String(await run(CHECK_SESSION, userKey(userId), args));
      return reply === "ok"
        ? { ok: true }
        : { ok: false, reason: reply as SessionRefusal };
    },
    async revokeSession(userId, id) {
      trips++;
      return (await redis.hdel(userKey(userId), ...fieldsOf(id))) > 0;
    },
    async revokeUserSessions(userId, exceptId = "") {
      const key = userKey(userId);
      return Number(await run(REVOKE_USER_SESSIONS, key, [exceptId]));
    },
    async listSessions(userId, now) {
      trips++;
      const fields = (await redis.hgetall(userKey(userId))) ?? {};
      return toRecords(userId, fields)
        .filter(
          (s) =>
            now - s.createdAt < lifetimes.absoluteMs &&
            now - s.lastSeenAt < lifetimes.idleMs,
        )
        .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    },
    roundTrips: () => trips,
  };
}

// The shared client JSON-parses what it reads (numbers come back as numbers, the meta as an
// object); both shapes are accepted, so the store works with either client setting.
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
