import "server-only";
import { getScriptRunner } from "@/lib/store";
import { getUpstashRedis } from "@/lib/redis/client";
import { getEmbeddedLimiter } from "./embedded";
import { createEmbeddedLoginLimiter } from "./login-embedded";
import { createUpstashLoginLimiter } from "./login-upstash";
import type { Limiter, LoginLimiter } from "./types";
import { createUpstashLimiter } from "./upstash";

export type * from "./types";

let limiter: Limiter | undefined;

/** Chosen like the challenge store, on its Redis client and script runner; one per process. */
export function getLimiter(): Limiter {
  const run = getScriptRunner();
  limiter ??= run ? createUpstashLimiter(run) : getEmbeddedLimiter();
  return limiter;
}

let loginLimiter: LoginLimiter | undefined;

/** Password attempts: @upstash/ratelimit on the shared Upstash client when configured. */
export function getLoginLimiter(): LoginLimiter {
  const redis = getUpstashRedis();
  loginLimiter ??= redis
    ? createUpstashLoginLimiter(redis)
    : createEmbeddedLoginLimiter(getEmbeddedLimiter());
  return loginLimiter;
}
