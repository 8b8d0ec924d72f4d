import "server-only";
import { RANK_OF_DELIVERY } from "./delivery-rank";
import { fromHash, toHash } from "./hash";
import * as scripts from "./scripts";
import {
  challengeAccount,
  newChallengeRecord,
  type ChallengeStore,
  type FailurePolicy,
  type IssueRequest,
  type IssueResult,
  type VerifyResult,
} from "./types";
import type { RunScript, UpstashRedis } from "@/lib/redis/client";

// Challenges as Redis hashes; every state change that needs a check is one Lua script
// (scripts.ts), so it is atomic and one HTTP request.

export const DEFAULT_PREFIX = "twostep:";

const issueArgs = (r: IssueRequest) => [
  r.codeHash,
  r.codeExpiresAt,
  r.maxSends,
  r.now,
  r.channel,
  r.cooldownMs,
  r.delivery,
  r.callCode?.sealed ?? "",
];

function toIssueResult(reply: unknown): IssueResult {
  const [reason, wait, ...rest] = reply as unknown[];
  if (reason !== "ok") {
    const retryAfterSeconds = Math.ceil(Number(wait) / 1000) || undefined;
    return { ok: false, reason: reason as never, retryAfterSeconds };
  }
  const [codeHash, codeExpiresAt, sends, lastSentAt, lastCallAt, delivery] =
    rest.map(String);
  const previous = {
    codeHash: codeHash ?? "",
    codeExpiresAt: Number(codeExpiresAt),
    sends: Number(sends),
    lastSentAt: Number(lastSentAt),
    lastCallAt: Number(lastCallAt),
    delivery: delivery as never,
  };
  return { ok: true, challenge: fromHash(rest.slice(6))!, previous };
}

const policyArgs = (p: FailurePolicy, now: number) => [
  p.maxAttempts,
  now,
  p.lockAfter,
  p.disableAfter,
  p.memorySeconds * 1000,
  ...p.ladderSeconds,
];

function toVerifyResult(reply: unknown): VerifyResult {
  const [reason, left, user, wait, counted, ...fields] = reply as unknown[];
  if (reason === "ok") return { ok: true, challenge: fromHash(fields)! };
  return {
    ok: false,
    reason: reason as never,
    attemptsLeft: Number(left),
    userId: user ? String(user) : null,
    retryAfterSeconds: Math.ceil(Number(wait) / 1000) || undefined,
    counted: Number(counted) === 1,
    challenge: fromHash(fields) ?? undefined,
  };
}

export function createUpstashChallengeStore(
  redis: UpstashRedis,
  run: RunScript,
  prefix = DEFAULT_PREFIX,
): ChallengeStore {
  const key = (id: string) => `${prefix}ch:${id}`;
  const acct = (id: string) => `${prefix}acct:${challengeAccount(id)}`;
  const call = (token: string) => `${prefix}call:${token}`;
  const claim = (k: string) => `${prefix}once:${k}`;
  const changedOf = (account: string) => `${prefix}changed:${account}`;
  const changed = (id: string) => changedOf(challengeAccount(id));
  const keysFor = (id: string, r: IssueRequest) => [
    key(id),
    acct(id),
    call(r.callCode?.token ?? "none"),
    changed(id),
  ];

  return {
    kind: "upstash",
    async startChallenge(c, ttlSeconds, first) {
      const fields = Object.entries(toHash(newChallengeRecord(c)));
      if (!first) {
        const args = [c.createdAt, ttlSeconds, ...fields.flat()];
        const keys = [key(c.id), acct(c.id)];
        return toIssueResult(await run(scripts.OPEN_CHALLENGE, keys, args));
      }
      const args = [...issueArgs(first), ttlSeconds, ...fields.flat()];
      const reply = await run(
        scripts.START_CHALLENGE,
        keysFor(c.id, first),
        args,
      );
      return toIssueResult(reply);
    },
    async getChallenge(id) {
      return fromHash(await redis.hgetall(key(id)));
    },
    async issueCode(id, req) {
      const reply = await run(
        scripts.ISSUE_CODE,
        keysFor(id, req),
        issueArgs(req),
      );
      return toIssueResult(reply);
    },
    async restoreIssue(id, issuedHash, previous, delivery) {
      const fields = Object.entries({ ...previous, delivery }).flat();
      await run(scripts.RESTORE_ISSUE, [key(id)], [issuedHash, ...fields]);
    },
    async verifyCode(id, codeHash, now, p) {
      const args = [codeHash, ...policyArgs(p, now)];
      const keys = [key(id), acct(id), changed(id)];
      const reply = await run(scripts.VERIFY_CODE, keys, args);
      return toVerifyResult(reply);
    },
    async recordFactorResult(id, factor, now, p) {
      const args = [factor ?? "", ...policyArgs(p, now)];
      const keys = [key(id), acct(id), changed(id)];
      return toVerifyResult(
        await run(scripts.RECORD_FACTOR_RESULT, keys, args),
      );
    },
    async recordDelivery(id, send, status) {
      const ranks = Object.entries(RANK_OF_DELIVERY).flat();
      const args = [send, status, RANK_OF_DELIVERY[status], ...ranks];
      return fromHash(await run(scripts.RECORD_DELIVERY, [key(id)], args));
    },
    async setUserId(id, userId) {
      await run(scripts.SET_USER_ID, [key(id)], [userId]);
    },
    async redeemChallenge(id) {
      const keys = [key(id), changed(id)];
      return fromHash(await run(scripts.REDEEM_CHALLENGE, keys, []));
    },
    async markCredentialsChanged(account, at, ttlSeconds) {
      const keys = [changedOf(account)];
      await run(scripts.MARK_CREDENTIALS_CHANGED, keys, [at, ttlSeconds]);
    },
    async clearAccountFailures(account) {
      await redis.del(`${prefix}acct:${account}`);
    },
    async deleteChallenge(id) {
      await redis.del(key(id));
    },
    async takeCallCode(token) {
      const value = await redis.getdel<string>(call(token));
      return value == null ? null : String(value);
    },
    async claimOnce(k, ttlSeconds) {
      const set = await redis.set(claim(k), 1, { nx: true, ex: ttlSeconds });
      return set === "OK";
    },
    async ping() {
      await redis.ping();
    },
  };
}
