import english from "@/lib/i18n/messages/en/errors.json";

// The one catalogue of refusals: each code's HTTP status, and whether the code step is over (the
// page then offers "Start again"). What a person reads is in the message catalogues, keyed by code
// (lib/i18n/messages/<locale>/errors.json, the "Errors" namespace), and the reply says it in the
// request's language (lib/http/reply.ts). Handlers name a code; the reply carries the rest, so the
// client reads the reply rather than a copy of this table. Safe for client bundles.

export interface ErrorSpec {
  /** In English, from en/errors.json: what a reply in English says, and what tests compare. */
  message: string;
  status: number;
  /** The step cannot go on: the person must start again. */
  final: boolean;
}

type Rule = Omit<ErrorSpec, "message">;

const spec = (status: number, final = false): Rule => ({ status, final });

const RULES = {
  // Input: the person can fix it and try again.
  INVALID_INPUT: spec(400),
  INVALID_EMAIL: spec(400),
  INVALID_PASSWORD: spec(400),
  PASSWORD_TOO_COMMON: spec(400),
  PASSWORD_CONTAINS_NAME: spec(400),
  INVALID_PHONE: spec(422),
  INVALID_CODE_FORMAT: spec(400),
  BAD_CREDENTIALS: spec(401),
  FORBIDDEN: spec(403),
  // The code step.
  NO_CHALLENGE: spec(401, true),
  WRONG_CODE: spec(400),
  CODE_EXPIRED: spec(410),
  NO_CODE: spec(400),
  TOO_MANY_ATTEMPTS: spec(429, true),
  TOO_MANY_SENDS: spec(429, true),
  RESEND_TOO_SOON: spec(429),
  ALREADY_VERIFIED: spec(409),
  // Other second factors.
  CODE_ALREADY_USED: spec(409),
  INVALID_RECOVERY_CODE: spec(400),
  RECOVERY_CODE_USED: spec(409),
  FACTOR_NOT_AVAILABLE: spec(400),
  TEXT_CODES_OFF: spec(403),
  // Managing factors on the account page.
  NOT_SIGNED_IN: spec(401, true),
  AUTHENTICATOR_EXISTS: spec(409),
  REAUTH_REQUIRED: spec(403),
  TEXT_CODES_NEEDED: spec(409),
  LAST_FACTOR: spec(409),
  NO_SETUP: spec(409),
  // Remembered devices and the pace of account changes.
  ACCOUNT_CHANGE_LIMIT: spec(429),
  DEVICE_NOT_FOUND: spec(404),
  SESSION_NOT_FOUND: spec(404),
  WRONG_PASSWORD: spec(400),
  SAME_PASSWORD: spec(400),
  SAME_EMAIL: spec(400),
  // Passkeys (WebAuthn), on the account page and the second-factor step.
  PASSKEY_FAILED: spec(400),
  PASSKEY_EXPIRED: spec(400),
  PASSKEY_ALREADY_USED: spec(409),
  PASSKEY_NOT_ADDED: spec(400),
  PASSKEY_EXISTS: spec(409),
  INVALID_PASSKEY_NAME: spec(400),
  PASSKEY_LIMIT: spec(409),
  EMAIL_TAKEN: spec(409, true),
  PHONE_TAKEN: spec(409, true),
  SAME_PHONE: spec(400),
  SIGN_IN_FAILED: spec(401),
  // Delivery: the provider's trouble, not the person's input.
  DELIVERY_FAILED: spec(502),
  CALL_FAILED: spec(502),
  PROVIDER_UNAVAILABLE: spec(503),
  NUMBER_UNREACHABLE: spec(422),
  SERVICE_UNAVAILABLE: spec(503),
  SIGN_OUT_UNCONFIRMED: spec(503),
  // Abuse limits: 429 with Retry-After; a spent daily budget is the service's state (503).
  RATE_LIMITED: spec(429),
  LOGIN_LIMITED: spec(429),
  PHONE_SEND_LIMIT: spec(429),
  ACCOUNT_SEND_LIMIT: spec(429),
  ACCOUNT_LOCKED: spec(429),
  ACCOUNT_DISABLED: spec(403, true),
  SENDING_PAUSED: spec(503),
  // A breaker against SMS pumping or the hourly ceiling: said alike for every number and account.
  CODES_PAUSED: spec(503),
  BREAKER_NOT_TRIPPED: spec(404),
  PROOF_OF_WORK_FAILED: spec(400),
  // Email links and password resets.
  MAIL_UNAVAILABLE: spec(503),
  EMAIL_LINK_INVALID: spec(410, true),
  EMAIL_ALREADY_VERIFIED: spec(409),
  VERIFY_EMAIL_LIMIT: spec(429),
  RESET_REQUEST_LIMIT: spec(429),
  // The account's life: locked down, deleted.
  LOCKED_DOWN: spec(403, true),
  LOCK_DOWN_NEEDS_EMAIL: spec(409),
  DELETE_CONFIRM_MISMATCH: spec(400),
  // "Lost your phone and codes?": a recovery proves the password, the verified address, a new phone.
  RECOVERY_NEEDS_EMAIL: spec(403),
  RECOVERY_LINK_INVALID: spec(410, true),
  RECOVERY_NOT_PENDING: spec(410, true),
  // Destinations.
  COUNTRY_NOT_ALLOWED: spec(422),
  SMS_NOT_SUPPORTED: spec(422),
  NUMBER_NOT_ALLOWED: spec(422),
  // The operators' console (/admin) and an account an operator switched off.
  PASSKEY_REQUIRED: spec(403),
  ADMIN_REQUEST_LIMIT: spec(429),
  ACCOUNT_NOT_FOUND: spec(404),
  FACTOR_NOT_FOUND: spec(404),
  ACCOUNT_SWITCHED_OFF: spec(403, true),
} as const satisfies Record<string, Rule>;

export type ErrorCode = keyof typeof RULES;

/** Every code's English message: a code missing from en/errors.json does not compile. */
const ENGLISH: Record<ErrorCode, string> = english;

const CODES = Object.keys(RULES) as ErrorCode[];

export const ERRORS = Object.fromEntries(
  CODES.map((code) => [code, { message: ENGLISH[code], ...RULES[code] }]),
) as Record<ErrorCode, ErrorSpec>;

/** Fields' messages no code names, in English, for schemas (said in the request's language too). */
export const FIELD_MESSAGES = english.fields;

/** The browser's own errors (no reply came), in English; describe-error.ts tells them in the page's. */
export const CLIENT_MESSAGES = english.client;

/** A message of the Errors namespace said on its own: a code's, a client-side error's, a field's. */
export type ErrorKey =
  | ErrorCode
  | `client.${keyof typeof english.client}`
  | `fields.${keyof typeof english.fields}`;

/** Each English message, by its text, with its key. */
const KEYS = new Map<string, ErrorKey>([
  ...CODES.map((code) => [ENGLISH[code], code] as const),
  ...Object.entries(english.client).map(
    ([k, text]) => [text, `client.${k}` as ErrorKey] as const,
  ),
  ...Object.entries(english.fields).map(
    ([k, text]) => [text, `fields.${k}` as ErrorKey] as const,
  ),
]);

/**
 * A message of this catalogue, given in English (`ERRORS.X.message`, as schemas and steps name a
 * field's message and the browser its own errors), in the language `t` speaks; any other text as
 * it is. The English text is the message's identity: one text, one key.
 */
export function sayError(text: string, t: (key: ErrorKey) => string): string {
  const key = KEYS.get(text);
  return key ? t(key) : text;
}

/** What a use case answers when it says no: a catalogue code plus the details the page shows. */
export interface Refusal {
  ok: false;
  error: ErrorCode;
  retryAfterSeconds?: number;
  attemptsLeft?: number;
  fields?: Record<string, string>;
}

/** A use case's typed outcome: its data, or a refusal. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(
  error: ErrorCode,
  details: Omit<Refusal, "ok" | "error"> = {},
): Refusal {
  return { ok: false, error, ...details };
}
