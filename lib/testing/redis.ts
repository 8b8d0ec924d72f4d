import { randomBytes } from "node:crypto";
import {
  startUpstashRestServer,
  type UpstashRestServer,
} from "@/e2e/support/upstash-rest-server";

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
