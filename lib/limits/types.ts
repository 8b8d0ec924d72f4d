import type { MessageCounters, SendFacts, Trip } from "./messages";

// The limiter port: every abuse counter lives behind it, so the embedded (in-process) limiter and
// the Upstash one are swapped like the challenge stores and held to one contract suite.

export type LimitName =
  | "phone"
  | "phone-unverified"
  | "ip"
  | "account"
  | "budget"
  | "budget-unverified"
  | "login-account"
  | "login-account-all"
  | "login-ip"
  | "account-changes"
  | "admin-requests"
  | "reset-email"
  | "reset-ip"
  | "proof-ip"
  | "verify-email"
  | "email-recipient"
  | "email-recipient-day"
  | "pause-notice"
  | "notice-texts";

/** At most `max` hits per window; windows are aligned to the epoch, as in @upstash/ratelimit. */
export interface Limit {
  name: LimitName;
  /** Who is counted (already hashed by the caller: no phone, email or address in keys). */
  id: string;
  max: number;
  windowSeconds: number;
}

export type LimitDecision =
  { ok: true } | { ok: false; by: LimitName; retryAfterSeconds: number };

/** A message's send: its limits, or a breaker in force (`tripped`: the trip this very send set off). */
export type SendDecision =
  | LimitDecision
  | {
      ok: false;
      by: "breaker" | "ceiling";
      retryAfterSeconds: number;
      tripped: Trip | null;
    };

export interface Limiter {
  readonly kind: "embedded" | "upstash";
  /** One round trip, atomic: refused when any limit is full, and then nothing is counted. */
  consume(limits: Limit[], now: number): Promise<LimitDecision>;
  /**
   * A message about to go out, in one round trip: the breakers in force and the hourly ceiling,
   * the limits, then the scopes' conversion (a scope that breaks trips now); all or nothing, and
   * a refusal is counted by its reason in the day's figures, a send by its country and channel.
   */
  consumeSend(
    limits: Limit[],
    send: SendFacts,
    now: number,
  ): Promise<SendDecision>;
  /** The figures and breakers an operator reads, on the same state. */
  readonly messages: MessageCounters;
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
