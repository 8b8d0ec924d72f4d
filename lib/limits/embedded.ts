import type { Limiter } from "./types";
import { lockSeconds, secondsUntil, windowAt } from "./types";

// In-process limiter with the Upstash limiter's semantics, for development and tests. Method
// bodies never await, so each call is atomic on Node's single thread; state is per process.

interface Entry {
  value: number;
  expiresAt: number;
}

/** Expired entries are also dropped on read; the sweep only bounds memory. */
const SWEEP_EVERY_WRITES = 1000;

export function createEmbeddedLimiter(): Limiter {
  const entries = new Map<string, Entry>();
  let trips = 0;
  let writes = 0;

  function read(key: string, now: number): number {
    const e = entries.get(key);
    if (e && e.expiresAt <= now) entries.delete(key);
    return e && e.expiresAt > now ? e.value : 0;
  }
  function write(key: string, value: number, expiresAt: number, now: number) {
    if (++writes % SWEEP_EVERY_WRITES === 0)
      for (const k of [...entries.keys()]) read(k, now);
    entries.set(key, { value, expiresAt });
  }

  return {
    kind: "embedded",
    async consume(limits, lockId, now) {
      trips++;
      const lockedUntil = lockId ? read(`lock:${lockId}`, now) : 0;
      if (lockedUntil > now)
        return {
          ok: false,
          by: "lockout",
          retryAfterSeconds: secondsUntil(lockedUntil, now),
        };
      const windows = limits.map((limit) => ({
        limit,
        ...windowAt(limit, now),
      }));
      const full = windows.find((w) => read(w.key, now) >= w.limit.max);
      if (full)
        return {
          ok: false,
          by: full.limit.name,
          retryAfterSeconds: secondsUntil(full.endsAt, now),
        };
      for (const { key, limit } of windows) {
        const expiresAt =
          entries.get(key)?.expiresAt ?? now + limit.windowSeconds * 1000;
        write(key, read(key, now) + 1, expiresAt, now);
      }
      return { ok: true };
    },
    async recordFailure(lockId, challengeId, lockout, now) {
      trips++;
      const memoryEnds = now + lockout.memorySeconds * 1000;
      const counted = `failed:${challengeId}`;
      const failures = read(`failures:${lockId}`, now);
      if (read(counted, now)) return { failures, lockedForSeconds: 0 };
      write(counted, 1, memoryEnds, now);
      write(`failures:${lockId}`, failures + 1, memoryEnds, now);
      const seconds = lockSeconds(failures + 1, lockout);
      if (seconds) {
        const until = now + seconds * 1000;
        write(`lock:${lockId}`, until, until, now);
      }
      return { failures: failures + 1, lockedForSeconds: seconds };
    },
    roundTrips: () => trips,
  };
}

const holder = globalThis as typeof globalThis & {
  __twostepEmbeddedLimiter?: Limiter;
};

/** One per process, on globalThis so Next's dev reloads keep the counts. */
export function getEmbeddedLimiter(): Limiter {
  holder.__twostepEmbeddedLimiter ??= createEmbeddedLimiter();
  return holder.__twostepEmbeddedLimiter;
}
