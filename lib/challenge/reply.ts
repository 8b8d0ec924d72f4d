import "server-only";
import { getEnv } from "@/lib/env";
import type { ErrorCode } from "@/lib/errors";
import { fail, ok } from "@/lib/http";
import { getMessenger } from "@/lib/messaging";
import { getChallengeStore } from "@/lib/store";
import type { SendDeps, SendOutcome } from "./send";
import { toChallengeView } from "./view";

export function sendDeps(): SendDeps {
  return {
    store: getChallengeStore(),
    messenger: getMessenger(),
    appUrl: getEnv().appUrl,
  };
}

// HTTP status for each refusal of the code step. Delivery problems are the provider's, not the
// person's input, so they are 502/503 while input problems stay 4xx.
export const CHALLENGE_STATUS: Partial<Record<ErrorCode, number>> = {
  NO_CHALLENGE: 401,
  WRONG_CODE: 400,
  NO_CODE: 400,
  CODE_EXPIRED: 410,
  ALREADY_VERIFIED: 409,
  EMAIL_TAKEN: 409,
  PHONE_TAKEN: 409,
  TOO_MANY_ATTEMPTS: 429,
  TOO_MANY_SENDS: 429,
  RESEND_TOO_SOON: 429,
  NUMBER_UNREACHABLE: 422,
  DELIVERY_FAILED: 502,
  CALL_FAILED: 502,
  PROVIDER_UNAVAILABLE: 503,
  // Abuse limits (lib/limits): 429 with Retry-After; the spent daily budget is the service's state.
  RATE_LIMITED: 429,
  LOGIN_LIMITED: 429,
  PHONE_SEND_LIMIT: 429,
  ACCOUNT_SEND_LIMIT: 429,
  ACCOUNT_LOCKED: 429,
  SENDING_PAUSED: 503,
  INVALID_PHONE: 422,
  COUNTRY_NOT_ALLOWED: 422,
  SMS_NOT_SUPPORTED: 422,
  NUMBER_NOT_ALLOWED: 422,
};

const DELIVERY_ERRORS: ErrorCode[] = [
  "DELIVERY_FAILED",
  "NUMBER_UNREACHABLE",
  "PROVIDER_UNAVAILABLE",
];

/**
 * After the first step (signup or password): the code page takes over, even if the SMS failed.
 * `channel` says how the first code went: "voice" for numbers that cannot take a text.
 */
export function replyToFirstSend(outcome: SendOutcome, channel = "sms") {
  if (outcome.ok)
    return ok({
      next: "/verify",
      delivery: outcome.challenge.delivery,
      channel,
    });
  if (DELIVERY_ERRORS.includes(outcome.error))
    return ok({ next: "/verify", delivery: "failed", channel });
  return replyToSendFailure(outcome);
}

export function replyToSend(outcome: SendOutcome) {
  if (outcome.ok) return ok({ challenge: toChallengeView(outcome.challenge) });
  return replyToSendFailure(outcome);
}

function replyToSendFailure(outcome: Extract<SendOutcome, { ok: false }>) {
  return fail(CHALLENGE_STATUS[outcome.error] ?? 400, outcome.error, {
    retryAfterSeconds: outcome.retryAfterSeconds,
  });
}
