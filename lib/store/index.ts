import "server-only";
import { getEmbeddedStore } from "./embedded";
import type { ChallengeStore } from "./types";
import { createScriptRunner, getUpstashRedis } from "@/lib/redis/client";
import { createUpstashChallengeStore } from "./upstash-challenges";

export type * from "./types";
export { challengeAccount, isProvenNumber } from "./types";

let store: ChallengeStore | undefined;

/** Upstash when its REST URL and token are set, else the in-process store; one per process. */
export function getChallengeStore(): ChallengeStore {
  const redis = getUpstashRedis();
  store ??= redis
    ? createUpstashChallengeStore(redis, getScriptRunner()!)
    : getEmbeddedStore();
  return store;
}

let runner: ReturnType<typeof createScriptRunner> | undefined;

/** The one script runner over the process's Upstash client, shared with the limiters. */
export function getScriptRunner() {
  const redis = getUpstashRedis();
  if (redis) runner ??= createScriptRunner(redis);
  return runner;
}
