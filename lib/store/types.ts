// The challenge store port: a challenge (the unit of the second factor) and the second-factor
// failure state of each account live behind it, so the embedded (in-process) store and Upstash
// are swapped freely and held to one contract suite.

/**
 * A reset is a sign-in's code step that ends in a new password, never in a session; a phone change
 * proves a signed-in person's new number before it replaces the old one, never a session either;
 * a recovery's proves the new number of someone who lost every factor, which replaces the old one
 * only once the waiting period ends. A "passkey" sign-in is a passkey alone, with no password step.
 */
export type ChallengePurpose =
  "signup" | "login" | "passkey" | "reset" | "phone-change" | "recovery";

/** Whether the challenge's phone is already an account's verified number (not one being proven). */
export const isProvenNumber = (purpose: ChallengePurpose) =>
  purpose === "login" || purpose === "reset";
export type ChallengeStatus = "pending" | "verified" | "locked";
/**
 * The second factors a challenge may accept: the phone (text or call), an authenticator app, a
 * recovery code, a passkey; "device" only completes a password step on a remembered device (never
 * offered). Not Prisma's FactorKind, which names the stored factor rows ("recovery_codes").
 */
export type ChallengeFactor =
  "phone" | "totp" | "recovery" | "passkey" | "device";
import type { Locale } from "@/lib/i18n/locales";
import type { Channel } from "@/lib/phone/channel";
import type { PhoneFacts } from "@/lib/phone/facts";

export type { Channel };
export type DeliveryStatus =
  "none" | "queued" | "sent" | "delivered" | "undelivered" | "failed";

/** A second-factor challenge as stored. Times are epoch milliseconds. */
export interface Challenge {
  /** `<random>.<account>`: see challengeAccount. */
  id: string;
  purpose: ChallengePurpose;
  /** Login and reset: the account's user. Signup: set once the account row exists. */
  userId: string | null;
  /** Signup only: the account to create once the phone is proven. */
  pendingEmail: string | null;
  pendingPasswordHash: string | null;
  phone: string; // E.164
  /**
   * What the phone's digits say (valid, country, type, calling code), read when the challenge
   * starts: a send and the code page need no number metadata. Null for a challenge that never sends
   * (a remembered browser's or a passkey's, settled as it opens) and for one stored before they were
   * kept: its number is read again if asked (challengePhoneFacts).
   */
  phoneFacts: PhoneFacts | null;
  /** Keyed hash of the current code; "" when no code is live. */
  codeHash: string;
  codeExpiresAt: number;
  sends: number;
  attempts: number; // wrong entries on this challenge, across resends
  status: ChallengeStatus;
  delivery: DeliveryStatus;
  lastSentAt: number;
  /** When the last "Call me instead" call was placed (0: none), for the call cooldown. */
  lastCallAt: number;
  createdAt: number;
  /** The factors this challenge accepts, fixed at its start; a sign-up's is only its phone. */
  factors: ChallengeFactor[];
  /** Which factor completed it; null until verified. */
  verifiedBy: ChallengeFactor | null;
  /**
   * The language of its texts and calls, fixed when it opens: the account's saved choice, or the
   * one a sign-up was made in; null for English (a challenge stored before languages existed too).
   */
  locale: Locale | null;
}

/** What a caller supplies; the security state starts from FRESH_CHALLENGE_STATE. */
export type NewChallenge = Pick<
  Challenge,
  | "id"
  | "purpose"
  | "userId"
  | "pendingEmail"
  | "pendingPasswordHash"
  | "phone"
  | "createdAt"
> & {
  /** Defaults to the phone alone. */
  factors?: ChallengeFactor[];
  /** Defaults to none (English). */
  locale?: Locale | null;
  /** Defaults to none: read from the digits when asked. */
  phoneFacts?: PhoneFacts | null;
};

/** The challenge as first stored: the caller's fields, the phone by default, a fresh state. */
export function newChallengeRecord(c: NewChallenge): Challenge {
  return {
    ...c,
    factors: c.factors ?? ["phone"],
    locale: c.locale ?? null,
    phoneFacts: c.phoneFacts ?? null,
    ...FRESH_CHALLENGE_STATE,
  };
}

/**
 * A challenge id names, after its dot, the account whose failures it counts toward (a keyed hash),
 * so one round trip can reach both. Changing that part names a challenge that does not exist.
 */
export function challengeAccount(id: string): string {
  return id.slice(id.indexOf(".") + 1);
}

export const FRESH_CHALLENGE_STATE = {
  codeHash: "",
  codeExpiresAt: 0,
  sends: 0,
  attempts: 0,
  status: "pending",
  delivery: "none",
  lastSentAt: 0,
  lastCallAt: 0,
  verifiedBy: null,
} as const satisfies Omit<Challenge, keyof NewChallenge>;

/** The fields an issue changes, so a refused or failed send can put them back. */
export type IssuedState = Pick<
  Challenge,
  | "codeHash"
  | "codeExpiresAt"
  | "sends"
  | "lastSentAt"
  | "lastCallAt"
  | "delivery"
>;

export interface IssueRequest {
  codeHash: string;
  codeExpiresAt: number;
  now: number;
  maxSends: number;
  channel: Channel;
  /** Wait after the last text (or call, for a call) before another; waived after a failed text. */
  cooldownMs: number;
  /** "queued" when a provider report will follow, else "sent". */
  delivery: DeliveryStatus;
  /** A call's sealed code, kept under this token for as long as the code is valid. */
  callCode?: { token: string; sealed: string };
  /** Who asks (see FailureScope's client): a client paused by its own wrong codes gets none. */
  client?: string;
}

export type IssueRefusal =
  "missing" | "locked" | "verified" | "send-limit" | "too-soon" | AccountBar;

/**
 * What barred an attempt: this client paused by its own wrong answers ("account-locked", kept as
 * the reply's name), or the account's guessable codes switched off until recovered.
 */
export type AccountBar = "account-locked" | "account-disabled";

/**
 * Whose attempt it is, so a pause stops whoever earned it. `client` names the asking client (a
 * keyed hash of its address bucket; "" for a caller that names none): wrong answers pause that
 * client alone. `tried` is the factor attempted (a passing factor names itself): a phone or app
 * code counts per client and toward the account's switch-off; a recovery code has its own count
 * per client; a passkey's failure is not a guess and counts only on the challenge; a remembered
 * browser is never barred. Without `tried`, a failure counts as a guessable code.
 */
export interface FailureScope {
  client?: string;
  tried?: ChallengeFactor;
}

/** How an attempt by `factor` is counted and barred (see FailureScope). */
export type FailureKind = "code" | "recovery" | "passkey" | "device";
export const failureKind = (factor?: ChallengeFactor | null): FailureKind =>
  factor === "recovery" || factor === "passkey" || factor === "device"
    ? factor
    : "code";

/** An account's second-factor failure state, as lockouts are read and lifted (lib/steps/lockout.ts). */
export interface AccountFailureState {
  /** Wrong phone or app codes in a row, from every client together (switched off at the policy's disableAfter). */
  codeFailures: number;
  /** Wrong recovery codes in a row, from every client together (pauses only the clients that typed them). */
  recoveryFailures: number;
  /** Guessable codes switched off for the account until a stronger factor, a known browser or an unlock. */
  codesOff: boolean;
  /** Clients paused now, and until when (epoch ms). */
  pausedClients: { client: string; until: number; kind: "code" | "recovery" }[];
}

export type IssueResult =
  | { ok: true; challenge: Challenge; previous: IssuedState }
  | { ok: false; reason: IssueRefusal; retryAfterSeconds?: number };

/** NIST SP 800-63B-4 §3.2.2 throttling, counted per account across every challenge. */
export interface FailurePolicy {
  maxAttempts: number;
  lockAfter: number;
  ladderSeconds: readonly number[];
  disableAfter: number;
  memorySeconds: number;
}

export type VerifyResult =
  | { ok: true; challenge: Challenge }
  | {
      ok: false;
      reason:
        | "missing"
        | "expired"
        | "locked"
        | "wrong"
        | "no-code"
        | "verified"
        | AccountBar;
      attemptsLeft: number;
      /** Whose challenge it was (null when missing), for the audit trail. */
      userId: string | null;
      /** Seconds until the account may try again, when a lock is in force. */
      retryAfterSeconds?: number;
      /** This attempt was a wrong code, counted on the challenge and the account. */
      counted: boolean;
      /** With "verified": the challenge, so a signup whose account was not created can resume. */
      challenge?: Challenge;
    };

export interface ChallengeStore {
  readonly kind: "embedded" | "upstash";
  /**
   * One round trip: creates the challenge (ttlSeconds for the whole step) and issues its first
   * code; with `first` null it starts with no code (a stronger factor comes first; a text may follow
   * through issueCode). A barred account gets no challenge either way (checked at `c.createdAt`).
   */
  startChallenge(
    c: NewChallenge,
    ttlSeconds: number,
    first: IssueRequest | null,
  ): Promise<IssueResult>;
  getChallenge(id: string): Promise<Challenge | null>;
  /**
   * One round trip, atomic: refuses while the account is barred, when the challenge is not
   * pending, spent or inside its cooldown; else stores the new code and counts the send.
   */
  issueCode(id: string, req: IssueRequest): Promise<IssueResult>;
  /** Undoes an issue whose send was refused (limits) or failed (provider), if still current. */
  restoreIssue(
    id: string,
    issuedHash: string,
    previous: IssuedState,
    delivery: DeliveryStatus,
  ): Promise<void>;
  /**
   * One round trip, atomic: checks this client's bar (and the account's switch-off) and the code; a
   * match verifies the challenge, clears the code, the account's counts and this client's; a miss
   * counts on the challenge, this client and the account (see FailureScope).
   */
  verifyCode(
    id: string,
    codeHash: string,
    now: number,
    policy: FailurePolicy,
    scope?: FailureScope,
  ): Promise<VerifyResult>;
  /**
   * One round trip, atomic, for a factor checked outside the store (an authenticator code, a
   * recovery code, a passkey, a remembered browser): with `factor` the check passed and the challenge
   * is verified by it, clearing the counts as a right code does; with null `scope.tried` failed and
   * counts as that factor counts (FailureScope). Refuses, counting nothing, when the challenge is not
   * pending or the attempt is barred.
   */
  recordFactorResult(
    id: string,
    factor: ChallengeFactor | null,
    now: number,
    policy: FailurePolicy,
    scope?: FailureScope,
  ): Promise<VerifyResult>;
  /** The failure state of `account` (the part of a challenge id after the dot) at `now`. */
  readAccountFailures(
    account: string,
    now: number,
  ): Promise<AccountFailureState>;
  /**
   * Forgets `account`'s failures: every client's pause ends and its codes are back on (an unlock;
   * a completed recovery, which replaced every factor those failures were counted against).
   */
  clearAccountFailures(account: string): Promise<void>;
  /** Records a provider's report on the `send`-th text, unless stale; returns the challenge if changed. */
  recordDelivery(
    id: string,
    send: number,
    status: DeliveryStatus,
  ): Promise<Challenge | null>;
  /** Names the user a signup created; never recreates a challenge that is gone. */
  setUserId(id: string, userId: string): Promise<void>;
  /** Atomically deletes a verified challenge that names its user and returns it; else null. */
  redeemChallenge(id: string): Promise<Challenge | null>;
  /**
   * The account's credentials changed at `at`: from now on every challenge of `account` (the part
   * of its id after the dot) opened before `at` is gone to issueCode, verifyCode,
   * recordFactorResult and redeemChallenge, which drop it. Kept `ttlSeconds` (as long as such a
   * challenge can live); an earlier `at` never replaces a later one.
   */
  markCredentialsChanged(
    account: string,
    at: number,
    ttlSeconds: number,
  ): Promise<void>;
  deleteChallenge(id: string): Promise<void>;
  /** The sealed code a call speaks; a token works once. */
  takeCallCode(token: string): Promise<string | null>;
  /**
   * One round trip, atomic: true the first time `key` is claimed within ttlSeconds, false after
   * (a signed provider request seen before, replayed).
   */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  ping(): Promise<void>;
}

/**
 * An account's failure hash as both stores keep it (lib/store/scripts.ts): `failures` and
 * `recoveryFailures` in a row from every client, `disabled`, and per client `c:`/`u:` (codes in a
 * row, paused until) and `r:`/`ru:` (recovery codes).
 */
export function readFailureHash(
  hash: Record<string, unknown>,
  now: number,
): AccountFailureState {
  const num = (v: unknown) => Number(v ?? 0) || 0;
  const pausedClients: AccountFailureState["pausedClients"] = [];
  for (const [field, value] of Object.entries(hash)) {
    const paused = field.match(/^(u|ru):(.*)$/);
    if (!paused || num(value) <= now) continue;
    const kind = paused[1] === "u" ? "code" : "recovery";
    pausedClients.push({ client: paused[2]!, until: num(value), kind });
  }
  return {
    codeFailures: num(hash.failures),
    recoveryFailures: num(hash.recoveryFailures),
    codesOff: String(hash.disabled ?? "") === "1",
    pausedClients,
  };
}
