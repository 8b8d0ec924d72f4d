import "server-only";
import { createHash } from "node:crypto";
import { Redis, type Requester } from "@upstash/redis";
import { getEnv } from "@/lib/env";
import {
  FAIL_DELIVERY,
  ISSUE_CODE,
  REDEEM_CHALLENGE,
  UPDATE_CHALLENGE,
  VERIFY_CODE,
} from "./scripts";
import { fromHash, toHash } from "./hash";
import {
  FRESH_CHALLENGE_STATE,
  type ChallengeStore,
  type IssueResult,
  type VerifyResult,
} from "./types";

// The only module that imports @upstash/redis. Challenges are Redis hashes; every state change that
// needs a check runs as one Lua script (lib/store/scripts.ts), so it is atomic and one HTTP request.

export interface UpstashConfig {
  url: string;
  token: string;
  /** Key namespace; tests pass their own so parallel suites never collide. */
  prefix?: string;
}

const DEFAULT_PREFIX = "twostep:";

/** A raw client (default options) for other Upstash libraries, e.g. @upstash/ratelimit. */
export function createUpstashRedis({ url, token }: UpstashConfig): Redis {
  return new Redis({ url, token, enableTelemetry: false });
}

let shared: Redis | undefined;

/** The process-wide raw client from the environment; undefined when Upstash is not configured. */
export function getUpstashRedis(): Redis | undefined {
  const config = getEnv().upstash;
  if (config) shared ??= createUpstashRedis(config);
  return shared;
}

export function createUpstashStore({
  url,
  token,
  prefix = DEFAULT_PREFIX,
}: UpstashConfig): ChallengeStore {
  // Off: the default JSON-parses values, turning a stored "123456" into a number.
  const redis = new Redis({
    url,
    token,
    automaticDeserialization: false,
    enableTelemetry: false,
    // No silent retries: a script whose reply was lost may have run (a verify counted, a code
    // issued), and running it again would count twice. An outage answers 503 at once instead of
    // after the client's default five retries (about 4 s).
    retry: false,
  });
  let trips = 0;
  // Counted at the requester, where each call is one HTTP request (a pipeline or transaction too).
  const requester = (redis as unknown as { client: Requester }).client;
  const send = requester.request.bind(requester);
  requester.request = (req) => {
    trips++;
    return send(req);
  };

  const challengeKey = (id: string) => `${prefix}ch:${id}`;
  const valueKey = (key: string) => `${prefix}v:${key}`;
  const loaded = new Set<string>();
  // The first run sends the whole script (EVAL caches it in Redis), later runs only its SHA-1;
  // NOSCRIPT after a Redis restart or failover falls back to EVAL once.
  async function run(
    script: string,
    keys: string[],
    args: (string | number)[],
  ): Promise<unknown> {
    const sha = createHash("sha1").update(script).digest("hex");
    const argv = args.map(String);
    if (!loaded.has(sha)) {
      const result = await redis.eval(script, keys, argv);
      loaded.add(sha);
      return result;
    }
    try {
      return await redis.evalsha(sha, keys, argv);
    } catch (e) {
      if (!(e instanceof Error) || !e.message.includes("NOSCRIPT")) throw e;
      loaded.delete(sha);
      return run(script, keys, args);
    }
  }

  return {
    kind: "upstash",
    async createChallenge(c, ttlSeconds) {
      const key = challengeKey(c.id);
      const fields = toHash({
        ...c,
        ...FRESH_CHALLENGE_STATE,
      });
      await redis
        .multi()
        .del(key)
        .hset(key, fields)
        .expire(key, ttlSeconds)
        .exec();
    },
    async getChallenge(id) {
      return fromHash(await redis.hgetall(challengeKey(id)));
    },
    async issueCode(id, req): Promise<IssueResult> {
      const callTtlMs = Math.max(1, req.codeExpiresAt - req.now);
      const keys = [challengeKey(id)];
      if (req.callCode) keys.push(valueKey(req.callCode.key));
      const args = [
        req.codeHash,
        req.codeExpiresAt,
        req.maxSends,
        req.now,
        req.channel,
        req.cooldownMs,
        req.delivery,
        req.callCode?.value ?? "",
        callTtlMs,
      ];
      const [reason, wait, ...rest] = (await run(
        ISSUE_CODE,
        keys,
        args,
      )) as unknown[];
      if (reason === "ok") {
        const [codeHash, codeExpiresAt, ...fields] = rest;
        const previous = {
          codeHash: String(codeHash),
          codeExpiresAt: Number(codeExpiresAt),
        };
        return { ok: true, challenge: fromHash(fields)!, previous };
      }
      if (reason === "too-soon") {
        const retryAfterSeconds = Math.ceil(Number(wait) / 1000);
        return { ok: false, reason, retryAfterSeconds };
      }
      const failure = reason as Exclude<IssueResult, { ok: true }>["reason"];
      return { ok: false, reason: failure };
    },
    async verifyCode(id, codeHash, maxAttempts, now): Promise<VerifyResult> {
      const args = [codeHash, maxAttempts, now];
      const [reason, left, ...fields] = (await run(
        VERIFY_CODE,
        [challengeKey(id)],
        args,
      )) as unknown[];
      if (reason === "ok") return { ok: true, challenge: fromHash(fields)! };
      const failure = reason as Exclude<VerifyResult, { ok: true }>["reason"];
      const userId = fields[0] ? String(fields[0]) : null;
      return { ok: false, reason: failure, attemptsLeft: Number(left), userId };
    },
    async failDelivery(id, issuedHash, previous) {
      const args = [issuedHash, previous.codeHash, previous.codeExpiresAt];
      await run(FAIL_DELIVERY, [challengeKey(id)], args);
    },
    async updateChallenge(id, fields) {
      const args = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .flatMap(([k, v]) => [k, v ?? "", v === null ? "1" : "0"]);
      if (args.length) await run(UPDATE_CHALLENGE, [challengeKey(id)], args);
    },
    async redeemChallenge(id) {
      return fromHash(await run(REDEEM_CHALLENGE, [challengeKey(id)], []));
    },
    async deleteChallenge(id) {
      await redis.del(challengeKey(id));
    },
    async increment(key, windowSeconds) {
      const k = `${prefix}n:${key}`;
      // NX: only the first hit of a window sets the expiry, so the window is fixed, not sliding.
      const [count] = await redis
        .multi()
        .incr(k)
        .expire(k, windowSeconds, "NX")
        .exec();
      return Number(count);
    },
    async setValue(key, value, ttlSeconds) {
      await redis.set(valueKey(key), value, { ex: ttlSeconds });
    },
    async getValue(key) {
      const value = await redis.get<string>(valueKey(key));
      return value == null ? null : String(value);
    },
    async ping() {
      await redis.ping();
    },
    roundTrips: () => trips,
  };
}
