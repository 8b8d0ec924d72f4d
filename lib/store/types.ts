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
  lastSentAt: number;
  /** When the last "Call me instead" call was placed (0: none), for the call cooldown. */
  lastCallAt: number;
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
  | "lastSentAt"
  | "lastCallAt"
>;

/** The security state every new challenge starts from, in every store. */
export const FRESH_CHALLENGE_STATE = {
  codeHash: "",
  codeExpiresAt: 0,
  sends: 0,
  attempts: 0,
  status: "pending",
  delivery: "none",
  lastSentAt: 0,
  lastCallAt: 0,
} as const satisfies Omit<Challenge, keyof NewChallenge>;

export interface IssueRequest {
  codeHash: string;
  codeExpiresAt: number;
  now: number;
  maxSends: number;
  channel: "sms" | "voice";
  /**
   * Wait after the last send (a text) or the last call (a call) before another may go, in ms.
   * A text whose delivery failed may be resent at once.
   */
  cooldownMs: number;
  /** The delivery state to record: "queued" when a provider report will follow, else "sent". */
  delivery: DeliveryStatus;
  /** A call's sealed code, stored under this value key for as long as the code is valid. */
  callCode?: { key: string; value: string };
}

export type IssueResult =
  | {
      ok: true;
      challenge: Challenge;
      /** The code this one replaced ("" when none), for failDelivery to put back. */
      previous: { codeHash: string; codeExpiresAt: number };
    }
  | {
      ok: false;
      reason: "missing" | "locked" | "verified" | "send-limit" | "too-soon";
      /** With "too-soon": whole seconds until a send is allowed. */
      retryAfterSeconds?: number;
    };

export type VerifyResult =
  | { ok: true; challenge: Challenge }
  | {
      ok: false;
      reason:
        "missing" | "expired" | "locked" | "verified" | "wrong" | "no-code";
      attemptsLeft: number;
      /** Whose challenge it was (null for a signup or a missing one), for the audit trail. */
      userId: string | null;
    };

export interface ChallengeStore {
  readonly kind: "embedded" | "upstash";
  /** Creates a challenge that lives ttlSeconds (whole-challenge lifetime, not the code's). */
  createChallenge(c: NewChallenge, ttlSeconds: number): Promise<void>;
  getChallenge(id: string): Promise<Challenge | null>;
  /**
   * One round trip, atomic: if the challenge is pending, under maxSends and past its cooldown,
   * stores the new code hash and expiry (and a call's sealed code), counts the send, and returns
   * the updated challenge. Wrong attempts are kept: a resend does not reset them.
   */
  issueCode(id: string, req: IssueRequest): Promise<IssueResult>;
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
  /**
   * One round trip, atomic: marks the latest send failed and, if the code `issuedHash` it carried
   * is still the live one, puts `previous` back, so the code the person already has keeps working.
   */
  failDelivery(
    id: string,
    issuedHash: string,
    previous: { codeHash: string; codeExpiresAt: number },
  ): Promise<void>;
  /** Sets fields that are not security state (userId once created, delivery). */
  updateChallenge(
    id: string,
    fields: Partial<Pick<Challenge, "userId" | "delivery">>,
  ): Promise<void>;
  /** Atomically deletes a verified challenge that names its user and returns it; else null, untouched. */
  redeemChallenge(id: string): Promise<Challenge | null>;
  deleteChallenge(id: string): Promise<void>;
  /** Fixed-window counter: increments key and returns the new count; the window starts on first hit. */
  increment(key: string, windowSeconds: number): Promise<number>;
  /** Stores a small string value with expiry (a call's sealed code, read by the answer route). */
  setValue(key: string, value: string, ttlSeconds: number): Promise<void>;
  getValue(key: string): Promise<string | null>;
  ping(): Promise<void>;
  /** Store round trips made by this instance, counted at the client (for tests and benchmarks). */
  roundTrips(): number;
}
