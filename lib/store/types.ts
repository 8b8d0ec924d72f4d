// The code store port: everything the second factor keeps in Redis goes through this interface,
// so the embedded (in-process) store and Upstash can be swapped and held to one contract suite.

export type ChallengePurpose = "signup" | "login";
export type ChallengeStatus = "pending" | "verified" | "locked";
export type DeliveryStatus =
  "none" | "queued" | "sent" | "delivered" | "undelivered" | "failed";

/** A second-factor challenge as stored. Times are epoch milliseconds. */
export interface Challenge {
  id: string;
  purpose: ChallengePurpose;
  /** Login: the user being signed in. Signup: set once the account row exists. */
  userId: string | null;
  /** Signup only: the pending account, JSON (email, password hash), never the code. */
  pending: string | null;
  phone: string; // E.164
  /** Keyed hash of the current code; "" when no code is live. */
  codeHash: string;
  codeExpiresAt: number;
  sends: number;
  attempts: number; // wrong entries so far, across resends
  status: ChallengeStatus;
  delivery: DeliveryStatus;
  /** Provider message id of the last SMS, for delivery callbacks. */
  messageId: string | null;
  lastSentAt: number;
  createdAt: number;
}

export type NewChallenge = Omit<
  Challenge,
  | "codeHash"
  | "codeExpiresAt"
  | "sends"
  | "attempts"
  | "status"
  | "delivery"
  | "messageId"
  | "lastSentAt"
>;

export type IssueResult =
  | { ok: true; sends: number }
  | { ok: false; reason: "missing" | "locked" | "verified" | "send-limit" };

export type VerifyResult =
  | { ok: true; challenge: Challenge }
  | {
      ok: false;
      reason:
        "missing" | "expired" | "locked" | "verified" | "wrong" | "no-code";
      attemptsLeft: number;
    };

export interface CodeStore {
  readonly kind: "embedded" | "upstash";
  /** Creates a challenge that lives ttlSeconds (whole-challenge lifetime, not the code's). */
  createChallenge(c: NewChallenge, ttlSeconds: number): Promise<void>;
  getChallenge(id: string): Promise<Challenge | null>;
  /**
   * Atomically: if the challenge is pending and sends < maxSends, stores the new code hash and
   * expiry, increments sends, sets lastSentAt = now and delivery = "queued". Attempts are kept.
   */
  issueCode(
    id: string,
    codeHash: string,
    codeExpiresAt: number,
    maxSends: number,
    now: number,
  ): Promise<IssueResult>;
  /**
   * One round trip, atomic: compares the hash; on a match marks the challenge verified and clears
   * the code (single use); on a miss counts the attempt and locks at maxAttempts.
   */
  verifyCode(
    id: string,
    codeHash: string,
    maxAttempts: number,
    now: number,
  ): Promise<VerifyResult>;
  /** Sets fields that are not security state (userId once created, delivery, messageId). */
  updateChallenge(
    id: string,
    fields: Partial<Pick<Challenge, "userId" | "delivery" | "messageId">>,
  ): Promise<void>;
  /** Atomically deletes a verified challenge that names its user and returns it; else null, untouched. */
  redeemChallenge(id: string): Promise<Challenge | null>;
  deleteChallenge(id: string): Promise<void>;
  /** Fixed-window counter: increments key and returns the new count; the window starts on first hit. */
  increment(key: string, windowSeconds: number): Promise<number>;
  /** Stores a small string value with expiry; used for delivery lookups (message id → challenge). */
  setValue(key: string, value: string, ttlSeconds: number): Promise<void>;
  getValue(key: string): Promise<string | null>;
  ping(): Promise<void>;
  /** Store round trips made by this instance, counted at the client (for tests and benchmarks). */
  roundTrips(): number;
}
