import { randomBytes } from "node:crypto";
import {
  startUpstashRestServer,
  type UpstashRestServer,
} from "@/test/support/upstash-rest-server";
import { createUpstashStore } from "@/lib/store/upstash";

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** An Upstash-compatible REST endpoint on a random port, backed by the real local Redis. */
export function startTestUpstash(): Promise<UpstashRestServer> {
  return startUpstashRestServer({
    port: 0,
    token: randomBytes(16).toString("hex"),
    redisUrl: TEST_REDIS_URL,
  });
}

/** A key prefix of its own per suite, so parallel runs never touch each other's keys. */
export function makeTestPrefix(suite: string): string {
  return `twostep:test:${suite}:${randomBytes(4).toString("hex")}:`;
}

/**
 * The app's Upstash code store over the real local Redis, through a REST endpoint of its own and
 * under a key prefix of its own. Close the server when the suite ends.
 */
export async function startTestUpstashStore(suite: string) {
  const server = await startTestUpstash();
  const prefix = makeTestPrefix(suite);
  const store = createUpstashStore({
    url: server.url,
    token: server.token,
    prefix,
  });
  return { server, store, prefix };
}
