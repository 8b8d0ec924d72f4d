import "server-only";
import type { Ratelimit } from "@upstash/ratelimit";
import type { UpstashRedis } from "@/lib/redis/client";
import type { Limit, LimitDecision, LoginLimiter } from "./types";
import { secondsUntil } from "./types";

// Password attempts through @upstash/ratelimit (fixed window), where its semantics fit: each
// login limit stands alone and a refused guess may count. The send path stays on our own script
// (upstash.ts) for two reasons:
// 1. Its scripts start with "#!lua flags=allow-key-locking", a flag only Upstash's servers accept;
//    stock Redis (or a self-hosted REST proxy in front of one) refuses the script. Our local REST
//    stand-in strips the flag (test/support/upstash-scripts.ts); Upstash needs nothing.
// 2. A send checks several limits and the daily budget all or nothing (a refused request must not
//    eat the budget or another limit) in one round trip; separate limiters count independently.

const DEFAULT_PREFIX = "twostep:rl:";

/** Loaded by the first password step: a code's verify or a send shares this module's graph. */
const ratelimit = () => import("@upstash/ratelimit").then((m) => m.Ratelimit);

/**
 * The limits' scripts, issued in the same tick, go out as one /pipeline request: the process's
 * client batches every command of an event-loop turn (lib/redis/batch.ts).
 */
export function createUpstashLoginLimiter(
  redis: UpstashRedis,
  prefix = DEFAULT_PREFIX,
): LoginLimiter {
  const limiters = new Map<string, Ratelimit>();

  function limiterFor(
    RatelimitClass: typeof Ratelimit,
    { name, max, windowSeconds }: Limit,
  ): Ratelimit {
    const key = `${name}:${max}:${windowSeconds}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = new RatelimitClass({
        redis,
        limiter: RatelimitClass.fixedWindow(max, `${windowSeconds} s`),
        prefix: prefix + name,
        analytics: false,
        // A per-instance cache: on serverless each instance would refuse on its own memory.
        ephemeralCache: false,
        // The default lets a request through after 5 s without an answer; a guard against
        // password guessing must fail closed, so store errors reach apiHandler's 503 instead.
        timeout: 0,
      });
      limiters.set(key, limiter);
    }
    return limiter;
  }

  return {
    kind: "upstash",
    async limit(limits): Promise<LimitDecision> {
      const RatelimitClass = await ratelimit();
      const results = await Promise.all(
        limits.map((limit) =>
          limiterFor(RatelimitClass, limit).limit(limit.id),
        ),
      );
      const now = Date.now();
      for (const [i, { success, reset }] of results.entries()) {
        const limit = limits[i];
        if (!success && limit)
          return {
            ok: false,
            by: limit.name,
            retryAfterSeconds: secondsUntil(reset, now),
          };
      }
      return { ok: true };
    },
  };
}
