import { createExpiringMap } from "@/lib/store/expiring-map";
import type { Limiter } from "./types";
import { secondsUntil, windowAt } from "./types";

// In-process limiter with the Upstash limiter's semantics, for development and tests. Method
// bodies never await, so each call is atomic on Node's single thread; state is per process.

export function createEmbeddedLimiter(clock: () => number = Date.now): Limiter {
  const counters = createExpiringMap<{ hits: number }>(clock);
  return {
    kind: "embedded",
    async consume(limits, now) {
      const windows = limits.map((limit) => ({
        limit,
        ...windowAt(limit, now),
      }));
      const full = windows.find(
        (w) => (counters.get(w.key)?.hits ?? 0) >= w.limit.max,
      );
      if (full)
        return {
          ok: false,
          by: full.limit.name,
          retryAfterSeconds: secondsUntil(full.endsAt, now),
        };
      for (const { key, limit } of windows) {
        const counter = counters.get(key);
        if (counter) counter.hits++;
        else counters.set(key, { hits: 1 }, limit.windowSeconds * 1000);
      }
      return { ok: true };
    },
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
