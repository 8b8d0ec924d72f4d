import {
  FRESH_CHALLENGE_STATE,
  type Challenge,
  type ChallengeStore,
  type IssueResult,
  type VerifyResult,
} from "./types";

// In-process code store for development and tests: same semantics as the Upstash store.
// Every method body runs without an await, so each one is atomic on Node's single thread.
// State lives in this process only: not for production behind more than one instance.

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/** Expired entries are also dropped lazily on read; the sweep only bounds memory. */
const SWEEP_EVERY_WRITES = 1000;

export function createEmbeddedStore(
  options: { now?: () => number } = {},
): ChallengeStore {
  const clock = options.now ?? Date.now;
  const challenges = new Map<string, Entry<Challenge>>();
  const counters = new Map<string, Entry<number>>();
  const values = new Map<string, Entry<string>>();
  let trips = 0;
  let writes = 0;

  function live<T>(
    map: Map<string, Entry<T>>,
    key: string,
  ): Entry<T> | undefined {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= clock()) map.delete(key);
    else return entry;
  }
  function put<T>(
    map: Map<string, Entry<T>>,
    key: string,
    value: T,
    ttlSeconds: number,
  ) {
    if (++writes % SWEEP_EVERY_WRITES === 0) {
      for (const m of [challenges, counters, values] as Map<
        string,
        Entry<unknown>
      >[]) {
        for (const k of [...m.keys()]) live(m, k);
      }
    }
    map.set(key, { value, expiresAt: clock() + ttlSeconds * 1000 });
  }
  const read = (id: string) => live(challenges, id)?.value;

  return {
    kind: "embedded",
    async createChallenge(c, ttlSeconds) {
      trips++;
      put(
        challenges,
        c.id,
        {
          ...c,
          ...FRESH_CHALLENGE_STATE,
        },
        ttlSeconds,
      );
    },
    async getChallenge(id) {
      trips++;
      const c = read(id);
      return c ? { ...c } : null;
    },
    async issueCode(id, req): Promise<IssueResult> {
      trips++;
      const c = read(id);
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
      const wait = since > 0 ? since + req.cooldownMs - req.now : 0;
      if (wait > 0)
        return {
          ok: false,
          reason: "too-soon",
          retryAfterSeconds: Math.ceil(wait / 1000),
        };
      const previous = { codeHash: c.codeHash, codeExpiresAt: c.codeExpiresAt };
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
          put(values, req.callCode.key, req.callCode.value, ttlMs / 1000);
      }
      return { ok: true, challenge: { ...c }, previous };
    },
    async failDelivery(id, issuedHash, previous) {
      trips++;
      const c = read(id);
      if (!c) return;
      c.delivery = "failed";
      if (c.status === "pending" && c.codeHash === issuedHash)
        Object.assign(c, previous);
    },
    async verifyCode(id, codeHash, maxAttempts, now): Promise<VerifyResult> {
      trips++;
      const c = read(id);
      if (!c)
        return { ok: false, reason: "missing", attemptsLeft: 0, userId: null };
      const { userId } = c;
      const left = Math.max(maxAttempts - c.attempts, 0);
      if (c.status === "verified")
        return { ok: false, reason: "verified", attemptsLeft: left, userId };
      if (c.status === "locked" || left === 0)
        return { ok: false, reason: "locked", attemptsLeft: 0, userId };
      if (c.codeHash === "")
        return { ok: false, reason: "no-code", attemptsLeft: left, userId };
      if (now >= c.codeExpiresAt)
        return { ok: false, reason: "expired", attemptsLeft: left, userId };
      if (c.codeHash === codeHash) {
        Object.assign(c, {
          status: "verified",
          codeHash: "",
          codeExpiresAt: 0,
        });
        return { ok: true, challenge: { ...c } };
      }
      c.attempts++;
      if (c.attempts < maxAttempts)
        return {
          ok: false,
          reason: "wrong",
          attemptsLeft: maxAttempts - c.attempts,
          userId,
        };
      Object.assign(c, { status: "locked", codeHash: "" });
      return { ok: false, reason: "locked", attemptsLeft: 0, userId };
    },
    async updateChallenge(id, fields) {
      trips++;
      const c = read(id);
      if (!c) return;
      for (const [k, v] of Object.entries(fields)) {
        if (v !== undefined) Object.assign(c, { [k]: v });
      }
    },
    async redeemChallenge(id) {
      trips++;
      const c = read(id);
      // Only once it names its user: a signup's account may still be being created.
      if (c?.status !== "verified" || !c.userId) return null;
      challenges.delete(id);
      return { ...c };
    },
    async deleteChallenge(id) {
      trips++;
      challenges.delete(id);
    },
    async increment(key, windowSeconds) {
      trips++;
      const entry = live(counters, key);
      if (entry) return ++entry.value;
      put(counters, key, 1, windowSeconds);
      return 1;
    },
    async setValue(key, value, ttlSeconds) {
      trips++;
      put(values, key, value, ttlSeconds);
    },
    async getValue(key) {
      trips++;
      return live(values, key)?.value ?? null;
    },
    async ping() {
      trips++;
    },
    roundTrips: () => trips,
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
