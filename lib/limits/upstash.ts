import "server-only";
import { createHash } from "node:crypto";
import { createUpstashRedis, type UpstashConfig } from "@/lib/store/upstash";
import { CONSUME, RECORD_FAILURE } from "./scripts";
import type { Limiter } from "./types";
import { secondsUntil, windowAt } from "./types";

// Send limits and the lockout on the code store's Redis: every call is one Lua script, so one
// HTTP request. Not @upstash/ratelimit (used for login attempts: login-upstash.ts says why not
// here): a send checks all its limits and the daily budget all or nothing in one round trip.

const DEFAULT_PREFIX = "twostep:limit:";

type Eval = (s: string, k: string[], a: string[]) => Promise<unknown>;
interface ScriptClient {
  eval: Eval;
  evalsha: Eval;
}

export function createUpstashLimiter({
  prefix = DEFAULT_PREFIX,
  ...config
}: UpstashConfig): Limiter {
  const redis = createUpstashRedis(config) as unknown as ScriptClient;
  const loaded = new Set<string>();
  let trips = 0;

  // EVAL once (Redis caches the script), then EVALSHA; NOSCRIPT after a restart retries with EVAL.
  async function run(script: string, keys: string[], args: unknown[]) {
    const sha = createHash("sha1").update(script).digest("hex");
    const argv = args.map(String);
    trips++;
    if (loaded.has(sha)) {
      try {
        return (await redis.evalsha(sha, keys, argv)) as number[];
      } catch (e) {
        if (!String(e).includes("NOSCRIPT")) throw e;
        trips++;
      }
    }
    const result = (await redis.eval(script, keys, argv)) as number[];
    loaded.add(sha);
    return result;
  }

  return {
    kind: "upstash",
    async consume(limits, lockId, now) {
      const windows = limits.map((l) => windowAt(l, now));
      const keys = windows.map((w) => prefix + w.key);
      if (lockId) keys.unshift(`${prefix}lock:${lockId}`);
      const args = limits.flatMap((l) => [l.max, l.windowSeconds * 1000]);
      const [at, lockedUntil] = await run(CONSUME, keys, [
        now,
        lockId ? "1" : "0",
        ...args,
      ]);
      if (at === -1) return { ok: true };
      if (at === 0)
        return {
          ok: false,
          by: "lockout",
          retryAfterSeconds: secondsUntil(Number(lockedUntil), now),
        };
      const full = windows[Number(at) - 1];
      const limit = limits[Number(at) - 1];
      if (!full || !limit) throw new Error(`Unexpected limiter reply ${at}`);
      return {
        ok: false,
        by: limit.name,
        retryAfterSeconds: secondsUntil(full.endsAt, now),
      };
    },
    async recordFailure(lockId, challengeId, lockout, now) {
      const keys = [
        `${prefix}failures:${lockId}`,
        `${prefix}lock:${lockId}`,
        `${prefix}failed:${challengeId}`,
      ];
      const args = [now, lockout.memorySeconds * 1000, lockout.after];
      const [failures, seconds] = await run(RECORD_FAILURE, keys, [
        ...args,
        ...lockout.ladderSeconds,
      ]);
      return { failures: Number(failures), lockedForSeconds: Number(seconds) };
    },
    roundTrips: () => trips,
  };
}
