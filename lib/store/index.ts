import "server-only";
import { getEnv } from "@/lib/env";
import { getEmbeddedStore } from "./embedded";
import type { ChallengeStore } from "./types";
import { createUpstashStore } from "./upstash";

export type * from "./types";

let store: ChallengeStore | undefined;

/** Upstash when its REST URL and token are set, else the in-process store; one per process. */
export function getChallengeStore(): ChallengeStore {
  const upstash = getEnv().upstash;
  store ??= upstash ? createUpstashStore(upstash) : getEmbeddedStore();
  return store;
}
