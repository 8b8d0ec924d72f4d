import "server-only";
import type { PhoneFacts } from "@/lib/phone/facts";
import { getLimiter } from "./index";
import {
  breakerScopes,
  UNKNOWN_COUNTRY,
  type BreakerScope,
  type RefusalReason,
} from "./messages";

// The figures counted after the fact, and the operator's view of the breakers, on the limiter's
// state (lib/limits/messages.ts). The send itself is counted by consumeSendLimits (decide.ts).

/** A code entered right: its country's figures, and for a number still being proven its breakers. */
export async function countVerified(
  phone: string,
  facts: PhoneFacts,
  proven: boolean,
  now: number,
) {
  const country = facts.country ?? UNKNOWN_COUNTRY;
  const scopes = proven ? [] : breakerScopes(phone, country);
  return getLimiter().messages.count(
    { kind: "verified", country, scopes },
    now,
  );
}

/** A text the provider reports delivered, to a number with these facts. */
export async function countDelivered(facts: PhoneFacts, now: number) {
  const country = facts.country ?? UNKNOWN_COUNTRY;
  return getLimiter().messages.count({ kind: "delivered", country }, now);
}

/** A refusal decided without the limiter (the destination rules). */
export function countRefusal(reason: RefusalReason, now: number) {
  return getLimiter().messages.count({ kind: "refused", reason }, now);
}

export function readMessageCounters(now: number) {
  return getLimiter().messages.read(now);
}

export function setBreakerTrip(
  scope: BreakerScope,
  until: number | null,
  now: number,
) {
  return getLimiter().messages.setTrip(scope, until, now);
}
