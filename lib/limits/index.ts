import "server-only";
import { getEnv } from "@/lib/env";
import { getEmbeddedLimiter } from "./embedded";
import type { Limiter } from "./types";
import { createUpstashLimiter } from "./upstash";

export type * from "./types";

let limiter: Limiter | undefined;

/** Chosen like the code store: Upstash when configured, else in-process; one per process. */
export function getLimiter(): Limiter {
  const upstash = getEnv().upstash;
  limiter ??= upstash ? createUpstashLimiter(upstash) : getEmbeddedLimiter();
  return limiter;
}
