import { RANK_OF_DELIVERY } from "./delivery-rank";
import { createAccountFailures } from "./embedded-accounts";
import { createExpiringMap } from "./expiring-map";
import {
  challengeAccount,
  newChallengeRecord,
  type Challenge,
  type ChallengeStore,
  type ChallengeFactor,
  type FailurePolicy,
  type IssueRequest,
  type IssueResult,
  type VerifyResult,
} from "./types";

// In-process challenge store for development and tests, with the Upstash store's semantics.
// Every method body runs without an await, so each one is atomic on Node's single thread.
// State lives in this process only: not for production behind more than one instance.

export function createEmbeddedStore(
  options: { now?: () => number } = {},
): ChallengeStore {
  const clock = options.now ?? Date.now;
  const challenges = createExpiringMap<Challenge>(clock);
  const accounts = createAccountFailures(clock);
  const calls = createExpiringMap<string>(clock);
  const claims = createExpiringMap<true>(clock);
  /** When each account's credentials last changed (see markCredentialsChanged). */
  const changed = createExpiringMap<number>(clock);

  const bar = (id: string, now: number) =>
    accounts.bar(challengeAccount(id), now);

  /** The challenge, unless opened before its account's credentials changed (then dropped). */
  function live(id: string): Challenge | undefined {
    const c = challenges.get(id);
    const at = changed.get(challengeAccount(id));
    if (!c || at === undefined || c.createdAt >= at) return c;
    challenges.delete(id);
    return undefined;
  }

  function issue(id: string, req: IssueRequest): IssueResult {
    const barred = bar(id, req.now);
    const seconds = (ms: number) => Math.ceil(ms / 1000) || undefined;
    if (barred)
      return {
        ok: false,
        reason: barred.reason,
        retryAfterSeconds: seconds(barred.waitMs),
      };
    const c = live(id);
    if (!c) return { ok: false, reason: "missing" };
    if (c.status !== "pending") return { ok: false, reason: c.status };
    if (c.sends >= req.maxSends) return { ok: false, reason: "send-limit" };
    const voice = req.channel === "voice";
    const failed = c.delivery === "failed" || c.delivery === "undelivered";
    const since = voice
      ? c.lastCallAt
      : c.sends > 0 && !failed
        ? c.lastSentAt
        : 0;
    // No cooldown: never too soon, even when a concurrent send's clock read later than this one's.
    const wait =
      since > 0 && req.cooldownMs > 0 ? since + req.cooldownMs - req.now : 0;
    if (wait > 0)
      return {
        ok: false,
        reason: "too-soon",
        retryAfterSeconds: seconds(wait),
      };
    const { codeHash, codeExpiresAt, sends, lastSentAt, lastCallAt, delivery } =
      c;
    const previous = {
      codeHash,
      codeExpiresAt,
      sends,
      lastSentAt,
      lastCallAt,
      delivery,
    };
    Object.assign(c, {
      codeHash: req.codeHash,
      codeExpiresAt: req.codeExpiresAt,
      lastSentAt: req.now,
      delivery: req.delivery,
      sends: c.sends + 1,
    });
    if (voice) {
      c.lastCallAt = req.now;
      const ttlMs = Math.max(1, req.codeExpiresAt - req.now);
      if (req.callCode)
        calls.set(req.callCode.token, req.callCode.sealed, ttlMs);
    }
    return { ok: true, challenge: { ...c }, previous };
  }

  type Reason = Exclude<VerifyResult, { ok: true }>["reason"];

  /**
   * One attempt at the second factor, as the Upstash store's settle script: `decide` names the
   * factor that matched, null for a miss, or a reason to refuse without counting.
   */
  function settle(
    id: string,
    now: number,
    p: FailurePolicy,
    decide: (c: Challenge) => ChallengeFactor | null | "no-code" | "expired",
  ): VerifyResult {
    const c = live(id);
    if (!c)
      return {
        ok: false,
        reason: "missing",
        attemptsLeft: 0,
        userId: null,
        counted: false,
      };
    const { userId } = c;
    const left = Math.max(p.maxAttempts - c.attempts, 0);
    const no = (
      reason: Reason,
      attemptsLeft = left,
      waitMs = 0,
      counted = false,
    ) => {
      const retryAfterSeconds = Math.ceil(waitMs / 1000) || undefined;
      return {
        ok: false,
        reason,
        attemptsLeft,
        userId,
        retryAfterSeconds,
        counted,
      } as const;
    };
    if (c.status === "verified")
      return { ...no("verified"), challenge: { ...c } };
    if (c.status === "locked" || left === 0) return no("locked", 0);
    const barred = bar(id, now);
    const decided = decide(c);
    // A recovery code or a passkey, which nobody can guess, still settles on a switched-off account.
    const recovers =
      barred?.reason === "account-disabled" &&
      (decided === "recovery" || decided === "passkey");
    if (barred && !recovers) return no(barred.reason, left, barred.waitMs);
    if (decided === "no-code" || decided === "expired") return no(decided);
    const account = challengeAccount(id);
    if (decided) {
      Object.assign(c, {
        status: "verified",
        verifiedBy: decided,
        codeHash: "",
        codeExpiresAt: 0,
      });
      accounts.clear(account);
      return { ok: true, challenge: { ...c } };
    }
    c.attempts++;
    const reason = c.attempts < p.maxAttempts ? "wrong" : "locked";
    if (reason === "locked")
      Object.assign(c, { status: "locked", codeHash: "" });
    const { disabled, lockMs } = accounts.fail(account, now, p);
    if (disabled) return no("account-disabled", 0, 0, true);
    return no(reason, p.maxAttempts - c.attempts, lockMs, true);
  }

  return {
    kind: "embedded",
    async startChallenge(c, ttlSeconds, first) {
      // A barred account gets no challenge at all, as in the Upstash script.
      const barred = bar(c.id, first?.now ?? c.createdAt);
      // Without a code, a switched-off account may open one for a recovery code or a passkey.
      const opensForRecovery = !first && barred?.reason === "account-disabled";
      if (barred && !opensForRecovery) {
        const retryAfterSeconds = Math.ceil(barred.waitMs / 1000) || undefined;
        return { ok: false, reason: barred.reason, retryAfterSeconds };
      }
      const record = newChallengeRecord(c);
      challenges.set(c.id, record, ttlSeconds * 1000);
      if (first) return issue(c.id, first);
      const { codeHash, codeExpiresAt, sends, lastSentAt, lastCallAt } = record;
      const previous = {
        codeHash,
        codeExpiresAt,
        sends,
        lastSentAt,
        lastCallAt,
      };
      return {
        ok: true,
        challenge: { ...record },
        previous: { ...previous, delivery: record.delivery },
      };
    },
    async getChallenge(id) {
      const c = challenges.get(id);
      return c ? { ...c } : null;
    },
    async issueCode(id, req) {
      return issue(id, req);
    },
    async restoreIssue(id, issuedHash, previous, delivery) {
      const c = challenges.get(id);
      if (c?.status === "pending" && c.codeHash === issuedHash)
        Object.assign(c, previous, { delivery });
    },
    async verifyCode(id, codeHash, now, p) {
      return settle(id, now, p, (c) => {
        if (c.codeHash === "") return "no-code";
        if (now >= c.codeExpiresAt) return "expired";
        return c.codeHash === codeHash ? "phone" : null;
      });
    },
    async recordFactorResult(id, factor, now, p) {
      return settle(id, now, p, () => factor);
    },
    async recordDelivery(id, send, status) {
      const c = challenges.get(id);
      if (!c || c.sends !== send) return null;
      if (RANK_OF_DELIVERY[status] <= RANK_OF_DELIVERY[c.delivery]) return null;
      c.delivery = status;
      return { ...c };
    },
    async setUserId(id, userId) {
      const c = challenges.get(id);
      if (c) c.userId = userId;
    },
    async redeemChallenge(id) {
      const c = live(id);
      // Only once it names its user: a signup's account may still be being created.
      if (c?.status !== "verified" || !c.userId) return null;
      challenges.delete(id);
      return { ...c };
    },
    async clearAccountFailures(account) {
      accounts.clear(account);
    },
    async deleteChallenge(id) {
      challenges.delete(id);
    },
    async markCredentialsChanged(account, at, ttlSeconds) {
      if ((changed.get(account) ?? 0) < at)
        changed.set(account, at, ttlSeconds * 1000);
    },
    async takeCallCode(token) {
      const sealed = calls.get(token) ?? null;
      calls.delete(token);
      return sealed;
    },
    async claimOnce(key, ttlSeconds) {
      if (claims.get(key)) return false;
      claims.set(key, true, ttlSeconds * 1000);
      return true;
    },
    async ping() {},
  };
}

const holder = globalThis as typeof globalThis & {
  __twostepEmbeddedStore?: ChallengeStore;
};

/** One store per process, kept on globalThis so Next's dev reloads do not forget live challenges. */
export function getEmbeddedStore(): ChallengeStore {
  holder.__twostepEmbeddedStore ??= createEmbeddedStore();
  return holder.__twostepEmbeddedStore;
}
