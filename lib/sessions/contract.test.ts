import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeTestPrefix, startTestUpstash } from "@/test/support/redis";
import { createEmbeddedSessionStore } from "./embedded";
import { SESSION_LIFETIMES } from "./policy";
import type { SessionRecord, SessionStore } from "./types";
import { createScriptRunner, createUpstashRedis } from "@/lib/redis/client";
import { createUpstashSessionStore } from "./upstash";

// Both session stores, held to one contract. Times are the caller's clock, so a fake clock runs
// the 12-hour and 1-hour limits at once on real Redis as well.

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function newSession(
  userId: string,
  createdAt = T0,
  overrides: Partial<SessionRecord> = {},
): SessionRecord {
  return {
    id: randomBytes(32).toString("base64url"),
    userId,
    createdAt,
    lastSeenAt: createdAt,
    ip: "203.0.113.7",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140",
    ...overrides,
  };
}

function describeSessionStoreContract(name: string, make: () => SessionStore) {
  describe(`SessionStore contract: ${name}`, () => {
    let store: SessionStore;
    let userId: string;
    beforeEach(() => {
      store = make();
      userId = `u-${randomUUID()}`;
    });

    async function started(createdAt = T0, user = userId) {
      const s = newSession(user, createdAt);
      await store.createSession(s);
      return s;
    }

    it("accepts a new session and lists it with where it came from", async () => {
      const s = await started();
      expect(await store.checkSession(userId, s.id, T0 + MINUTE)).toEqual({
        ok: true,
      });
      expect(await store.listSessions(userId, T0 + MINUTE)).toEqual([
        { ...s, lastSeenAt: T0 + MINUTE },
      ]);
    });

    it("refuses a session id it never issued, or one of another user", async () => {
      const s = await started();
      expect(await store.checkSession(userId, "forged", T0)).toEqual({
        ok: false,
        reason: "missing",
      });
      expect(await store.checkSession(`u-${randomUUID()}`, s.id, T0)).toEqual({
        ok: false,
        reason: "missing",
      });
    });

    it("refuses a session left idle for an hour", async () => {
      const s = await started();
      const idle = T0 + SESSION_LIFETIMES.idleMs;
      expect((await store.checkSession(userId, s.id, idle - 1)).ok).toBe(true);
      expect(await store.checkSession(userId, s.id, idle - 1 + HOUR)).toEqual({
        ok: false,
        reason: "idle",
      });
      // Refused once, gone for good: coming back sooner does not revive it.
      expect(await store.checkSession(userId, s.id, idle)).toEqual({
        ok: false,
        reason: "missing",
      });
    });

    it("refuses a session 12 hours after sign-in however active it is", async () => {
      const s = await started();
      const end = T0 + SESSION_LIFETIMES.absoluteMs;
      for (let t = T0; t < end; t += 30 * MINUTE) {
        expect((await store.checkSession(userId, s.id, t)).ok).toBe(true);
      }
      expect((await store.checkSession(userId, s.id, end - 1)).ok).toBe(true);
      expect(await store.checkSession(userId, s.id, end)).toEqual({
        ok: false,
        reason: "expired",
      });
    });

    it("does not move the last visit back when an older request arrives late", async () => {
      const s = await started();
      await store.checkSession(userId, s.id, T0 + 50 * MINUTE);
      await store.checkSession(userId, s.id, T0 + 10 * MINUTE);
      expect(
        (await store.checkSession(userId, s.id, T0 + 100 * MINUTE)).ok,
      ).toBe(true);
    });

    it("refuses a revoked session and keeps the person's others", async () => {
      const [a, b] = [await started(), await started()];
      expect(await store.revokeSession(userId, a.id)).toBe(true);
      expect(await store.revokeSession(userId, a.id)).toBe(false);
      expect(await store.checkSession(userId, a.id, T0)).toEqual({
        ok: false,
        reason: "missing",
      });
      expect((await store.checkSession(userId, b.id, T0)).ok).toBe(true);
    });

    it("revokes every session of a person but the one kept, and nobody else's", async () => {
      const [a, b, c] = [await started(), await started(), await started()];
      const other = await started(T0, `u-${randomUUID()}`);
      expect(await store.revokeUserSessions(userId, b.id)).toBe(2);
      for (const s of [a, c])
        expect((await store.checkSession(userId, s.id, T0)).ok).toBe(false);
      expect((await store.checkSession(userId, b.id, T0)).ok).toBe(true);
      expect((await store.checkSession(other.userId, other.id, T0)).ok).toBe(
        true,
      );
      expect(await store.revokeUserSessions(userId)).toBe(1);
      expect(await store.listSessions(userId, T0)).toEqual([]);
      expect(await store.revokeUserSessions(`u-${randomUUID()}`)).toBe(0);
    });

    it("allows several devices at once, ending the least recently seen past the cap", async () => {
      const { maxPerUser } = SESSION_LIFETIMES;
      const sessions: SessionRecord[] = [];
      for (let i = 0; i < maxPerUser; i++) sessions.push(await started(T0 + i));
      // The first one is used again, so the second is now the stalest.
      await store.checkSession(userId, sessions[0]!.id, T0 + MINUTE);
      const newest = await started(T0 + 2 * MINUTE);
      const live = await store.listSessions(userId, T0 + 2 * MINUTE);
      expect(live).toHaveLength(maxPerUser);
      expect(live.map((s) => s.id)).not.toContain(sessions[1]!.id);
      expect(live[0]!.id).toBe(newest.id);
      expect(live.map((s) => s.id)).toContain(sessions[0]!.id);
    });

    it("lists only live sessions, most recently seen first", async () => {
      const old = await started(T0);
      const recent = await started(T0 + 2 * HOUR);
      await store.checkSession(userId, recent.id, T0 + 2 * HOUR + MINUTE);
      expect(
        (await store.listSessions(userId, T0 + 2 * HOUR + MINUTE)).map(
          (s) => s.id,
        ),
      ).toEqual([recent.id]);
      expect(old.id).not.toBe(recent.id);
    });
  });
}

describeSessionStoreContract("embedded", () => createEmbeddedSessionStore());

describe("over the Upstash REST protocol", () => {
  let server: Awaited<ReturnType<typeof startTestUpstash>>;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());

  const upstashStore = (
    options: Parameters<typeof createUpstashSessionStore>[2] = {},
  ) => {
    const redis = createUpstashRedis({ url: server.url, token: server.token });
    const prefix = makeTestPrefix("sessions");
    return createUpstashSessionStore(redis, createScriptRunner(redis), {
      prefix,
      ...options,
    });
  };

  describeSessionStoreContract("upstash", () => upstashStore());

  it("makes one HTTP request per session check, counted by the REST endpoint", async () => {
    const store = upstashStore();
    const s = newSession("u-trips");
    await store.createSession(s);
    for (let i = 0; i < 3; i++) await store.checkSession("u-trips", s.id, T0);
    const before = server.requests();
    await store.checkSession("u-trips", s.id, T0 + MINUTE);
    expect(server.requests() - before).toBe(1);
    await store.checkSession("u-trips", "forged", T0 + MINUTE);
    expect(server.requests() - before).toBe(2);
  });

  it("lets Redis drop a person's record once their newest session is past its absolute lifetime", async () => {
    const store = upstashStore({
      lifetimes: { ...SESSION_LIFETIMES, absoluteMs: 1000 },
    });
    const s = newSession("u-ttl", Date.now());
    await store.createSession(s);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await store.listSessions("u-ttl", s.createdAt)).toEqual([]);
  });
});
