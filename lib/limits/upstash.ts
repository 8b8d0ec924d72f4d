import "server-only";
import type { RunScript } from "@/lib/redis/client";
import { CONSUME } from "./scripts";
import type { Limiter } from "./types";
import { secondsUntil, windowAt } from "./types";

// Send limits on the shared Redis: every call is one Lua script, so one HTTP request. Not
// @upstash/ratelimit (used for password attempts: login-upstash.ts says why not here).

export const DEFAULT_LIMIT_PREFIX = "twostep:limit:";

export function createUpstashLimiter(
  run: RunScript,
  prefix = DEFAULT_LIMIT_PREFIX,
): Limiter {
  return {
    kind: "upstash",
    async consume(limits, now) {
      const windows = limits.map((l) => windowAt(l, now));
      const keys = windows.map((w) => prefix + w.key);
      const args = limits.flatMap((l) => [l.max, l.windowSeconds * 1000]);
      const at = Number(await run(CONSUME, keys, args));
      if (at === 0) return { ok: true };
      const full = windows[at - 1];
      const limit = limits[at - 1];
      if (!full || !limit) throw new Error(`Unexpected limiter reply ${at}`);
      return {
        ok: false,
        by: limit.name,
        retryAfterSeconds: secondsUntil(full.endsAt, now),
      };
    },
  };
}
