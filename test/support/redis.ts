import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import {
  startUpstashRestServer,
  type UpstashRestServer,
} from "@/test/support/upstash-rest-server";
import { createUpstashLimiter } from "@/lib/limits/upstash";
import { createEmbeddedStore } from "@/lib/store/embedded";
import type { ChallengeStore } from "@/lib/store/types";
import { createScriptRunner, createUpstashRedis } from "@/lib/redis/client";
import { createUpstashChallengeStore } from "@/lib/store/upstash-challenges";

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
 * The app's Upstash challenge store and send limiter on one client and script runner (as in the
 * app), talking to `server` under a key prefix of their own.
 */
export function createTestUpstash(server: UpstashRestServer, suite: string) {
  const redis = createUpstashRedis({ url: server.url, token: server.token });
  const run = createScriptRunner(redis);
  const prefix = makeTestPrefix(suite);
  return {
    redis,
    run,
    prefix,
    store: createUpstashChallengeStore(redis, run, prefix),
    limiter: createUpstashLimiter(run, `${prefix}limit:`),
  };
}

/**
 * The app's Upstash challenge store over the real local Redis, through a REST endpoint of its own.
 * Close the server when the suite ends.
 */
export async function startTestUpstashStore(suite: string) {
  const server = await startTestUpstash();
  return { server, ...createTestUpstash(server, suite) };
}

/** HTTP requests (round trips) the REST server received while `work` ran. */
export async function roundTripsOf(
  server: UpstashRestServer,
  work: () => Promise<unknown>,
): Promise<number> {
  const before = server.requests();
  await work();
  return server.requests() - before;
}

export interface StoreHarness {
  store: ChallengeStore;
  /** Lets key TTLs run out: a fake clock for the embedded store, a real sleep for Redis. */
  elapse(seconds: number): Promise<void>;
}

/**
 * Declares `body` twice: against the embedded store on a fake clock, and against the Upstash store
 * over the REST stand-in and real Redis. `h` holds a fresh store (and key prefix) for each test.
 */
export function describeForEachStore(
  title: string,
  body: (h: StoreHarness) => void,
) {
  describe(`${title}: embedded`, () => {
    const h = {} as StoreHarness;
    beforeEach(() => {
      let now = Date.now();
      h.store = createEmbeddedStore({ now: () => now });
      h.elapse = async (seconds) => void (now += seconds * 1000);
    });
    body(h);
  });
  describe(`${title}: upstash`, () => {
    const h = {} as StoreHarness;
    let server: UpstashRestServer;
    beforeAll(async () => void (server = await startTestUpstash()));
    afterAll(() => server.close());
    beforeEach(() => {
      h.store = createTestUpstash(server, "store").store;
      h.elapse = (seconds) => new Promise((r) => setTimeout(r, seconds * 1000));
    });
    body(h);
  });
}
