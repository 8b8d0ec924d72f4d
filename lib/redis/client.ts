import "server-only";
import { createHash } from "node:crypto";
import { Redis } from "@upstash/redis";
import { getEnv } from "@/lib/env";
import { processWide } from "@/lib/runtime/process-wide";
import { batchCommands } from "./batch";
import { createHttpRequester } from "./http";

// The only module that imports @upstash/redis: one client per process, shared by the challenge
// store and the limiters, and one way to run a Lua script.

export interface UpstashConfig {
  url: string;
  token: string;
}

export type { Redis as UpstashRedis };

/** The client's commands, sent through node:http(s) rather than fetch (http.ts). */
class NodeHttpRedis extends Redis {
  constructor(config: UpstashConfig) {
    super({
      ...config,
      // Off: the default JSON-parses values, turning a stored "123456" into a number.
      automaticDeserialization: false,
      enableTelemetry: false,
      // No silent retries: a script whose reply was lost may have run (a verify counted, a code
      // issued), and running it again would count twice. An outage answers 503 at once instead of
      // after the client's default five retries (about 4 s).
      retry: false,
      // Plain JSON replies: every value we store is UTF-8 text, so base64 (the default, for
      // binary values) only adds a decode of every string in every reply.
      responseEncoding: false,
      // The client's own batching only reaches commands issued within two microtask ticks, so each
      // request's command went out alone; the requester batches a whole event-loop turn instead.
      enableAutoPipelining: false,
    });
    this.client = batchCommands(createHttpRequester(config));
  }
}

export function createUpstashRedis(config: UpstashConfig): Redis {
  return new NodeHttpRedis(config);
}

/**
 * The process's client from the environment, shared by every route (and warmed at start-up);
 * undefined when Upstash is not configured.
 */
export function getUpstashRedis(): Redis | undefined {
  const config = getEnv().upstash;
  if (!config) return undefined;
  return processWide(`upstash:${config.url}:${config.token}`, () =>
    createUpstashRedis(config),
  );
}

export type RunScript = (
  script: string,
  keys: string[],
  args: (string | number)[],
) => Promise<unknown>;

/**
 * Runs scripts by SHA-1 (EVALSHA) once Redis has seen them; the first run, and a NOSCRIPT after a
 * restart or failover, sends the whole script (EVAL caches it). One round trip in the usual case.
 */
export function createScriptRunner(redis: Redis): RunScript {
  const loaded = new Set<string>();
  // A handful of constant scripts: each hashed once, not on every call.
  const shas = new Map<string, string>();
  const shaOf = (script: string) => {
    let sha = shas.get(script);
    if (!sha) {
      sha = createHash("sha1").update(script).digest("hex");
      shas.set(script, sha);
    }
    return sha;
  };
  return async function run(script, keys, args) {
    const sha = shaOf(script);
    const argv = args.map(String);
    if (loaded.has(sha)) {
      try {
        return await redis.evalsha(sha, keys, argv);
      } catch (e) {
        if (!(e instanceof Error) || !e.message.includes("NOSCRIPT")) throw e;
      }
    }
    const result = await redis.eval(script, keys, argv);
    loaded.add(sha);
    return result;
  };
}
