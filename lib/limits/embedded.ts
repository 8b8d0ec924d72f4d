import { createExpiringMap } from "@/lib/store/expiring-map";
import { createEmbeddedMessages } from "./messages-embedded";
import type { Limit, Limiter } from "./types";
import { secondsUntil, windowAt } from "./types";

// In-process limiter with the Upstash limiter's semantics, for development and tests. Method
// bodies never await, so each call is atomic on Node's single thread; state is per process.

export function createEmbeddedLimiter(clock: () => number = Date.now): Limiter {
  const counters = createExpiringMap<{ hits: number }>(clock);
  const messages = createEmbeddedMessages();
  const windowsOf = (limits: Limit[], now: number) =>
    limits.map((limit) => ({ limit, ...windowAt(limit, now) }));
  type Windows = ReturnType<typeof windowsOf>;
  const fullOf = (windows: Windows) =>
    windows.find((w) => (counters.get(w.key)?.hits ?? 0) >= w.limit.max);
  const countAll = (windows: Windows) => {
    for (const { key, limit } of windows) {
      const counter = counters.get(key);
      if (counter) counter.hits++;
      else counters.set(key, { hits: 1 }, limit.windowSeconds * 1000);
    }
  };
  return {
    kind: "embedded",
    messages,
    async consume(limits, now) {
      const windows = windowsOf(limits, now);
      const full = fullOf(windows);
      if (full)
        return {
          ok: false,
          by: full.limit.name,
          retryAfterSeconds: secondsUntil(full.endsAt, now),
        };
      countAll(windows);
      return { ok: true };
    },
    // In the send script's order: breakers in force, the limits, then the scopes' hour.
    async consumeSend(limits, send, now) {
      const windows = windowsOf(limits, now);
      const inForce = messages.hold({ ...send, breaker: NEVER_TRIPS }, now);
      const full = inForce ? undefined : fullOf(windows);
      const held = inForce ?? (full ? null : messages.hold(send, now));
      if (held) {
        messages.refused(held.by, now);
        return {
          ok: false,
          by: held.by,
          retryAfterSeconds: secondsUntil(held.until, now),
          tripped: held.tripped,
        };
      }
      if (full) {
        messages.refused("limits", now);
        return {
          ok: false,
          by: full.limit.name,
          retryAfterSeconds: secondsUntil(full.endsAt, now),
        };
      }
      countAll(windows);
      messages.sent(send, now);
      return { ok: true };
    },
  };
}

/** Settings under which no scope trips: only the breakers already in force hold a send. */
const NEVER_TRIPS = {
  minSends: Infinity,
  maxConversionPercent: 0,
  pauseMs: 0,
  ceiling: Infinity,
};

const holder = globalThis as typeof globalThis & {
  __twostepEmbeddedLimiter?: Limiter;
};

/** One per process, on globalThis so Next's dev reloads keep the counts. */
export function getEmbeddedLimiter(): Limiter {
  holder.__twostepEmbeddedLimiter ??= createEmbeddedLimiter();
  return holder.__twostepEmbeddedLimiter;
}
