import type { Limiter, LoginLimiter } from "./types";

// The login limits without Upstash: each limit is its own consume() on the in-process limiter,
// so one limit refusing does not spare the others, as with @upstash/ratelimit (login-upstash.ts).
// That library also counts attempts a full window refuses; nothing can observe the difference,
// since a full window stays full until it ends.

export function createEmbeddedLoginLimiter(limiter: Limiter): LoginLimiter {
  return {
    kind: "embedded",
    async limit(limits) {
      const now = Date.now();
      const decisions = await Promise.all(
        limits.map((limit) => limiter.consume([limit], now)),
      );
      return decisions.find((d) => !d.ok) ?? { ok: true };
    },
  };
}
