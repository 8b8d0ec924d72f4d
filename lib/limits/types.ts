// The limiter port: every abuse counter lives behind it, so the embedded (in-process) limiter and
// the Upstash one are swapped like the code stores and held to one contract suite.

export type LimitName =
  "phone" | "ip" | "account" | "budget" | "login-account" | "login-ip";

/** At most `max` hits per window; windows are aligned to the epoch, as in @upstash/ratelimit. */
export interface Limit {
  name: LimitName;
  /** Who is counted (already hashed by the caller: no phone, email or address in keys). */
  id: string;
  max: number;
  windowSeconds: number;
}

export type LimitDecision =
  | { ok: true }
  | { ok: false; by: LimitName | "lockout"; retryAfterSeconds: number };

export interface Lockout {
  /** The failure count that first locks; each further failure takes the ladder's next step. */
  after: number;
  ladderSeconds: readonly number[];
  memorySeconds: number;
}

export interface Limiter {
  readonly kind: "embedded" | "upstash";
  /**
   * One round trip, atomic: refused while `lockId` is locked or when any limit is full, and
   * then nothing is counted; otherwise every limit counts one hit.
   */
  consume(
    limits: Limit[],
    lockId: string | null,
    now: number,
  ): Promise<LimitDecision>;
  /**
   * One round trip, atomic: counts a failed challenge for `lockId` (once per challenge id) and
   * locks it for the ladder's step. Returns the failures remembered and the lock now set.
   */
  recordFailure(
    lockId: string,
    challengeId: string,
    lockout: Lockout,
    now: number,
  ): Promise<{ failures: number; lockedForSeconds: number }>;
  /** Round trips made by this instance, counted at the client. */
  roundTrips(): number;
}

/**
 * Password attempts, @upstash/ratelimit's fixed-window semantics: every attempt counts against
 * each limit on its own (one limit refusing does not spare the others); refused when any limit
 * is past its max, until that window ends. Reads the clock itself (Date.now()), as that library does.
 */
export interface LoginLimiter {
  readonly kind: "embedded" | "upstash";
  limit(limits: Limit[]): Promise<LimitDecision>;
}

/** The window a hit at `now` falls in: its key suffix and when it ends (epoch ms). */
export function windowAt(limit: Limit, now: number) {
  const ms = limit.windowSeconds * 1000;
  const bucket = Math.floor(now / ms);
  return {
    key: `${limit.name}:${limit.id}:${bucket}`,
    endsAt: (bucket + 1) * ms,
  };
}

export const secondsUntil = (t: number, now: number) =>
  Math.max(1, Math.ceil((t - now) / 1000));

/** The ladder step for the n-th remembered failure, in seconds (0: not locked yet). */
export function lockSeconds(failures: number, lockout: Lockout): number {
  const step = failures - lockout.after;
  if (step < 0) return 0;
  const ladder = lockout.ladderSeconds;
  return ladder[Math.min(step, ladder.length - 1)] ?? 0;
}
