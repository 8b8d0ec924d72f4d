import "server-only";
import { getLimiter } from "./index";
import {
  breakerScopes,
  UNKNOWN_COUNTRY,
  type BreakerScope,
  type RefusalReason,
} from "./messages";

// The figures counted after the fact, and the operator's view of the breakers, on the limiter's
// state (lib/limits/messages.ts). The send itself is counted by consumeSendLimits (decide.ts).

// A number's country, from libphonenumber's metadata, loaded here on first use: these figures are
// counted after the reply, and the verify step that counts them never needs the metadata itself.
const countryOf = async (e164: string) =>
  (await import("@/lib/phone")).phoneFacts(e164).country ?? UNKNOWN_COUNTRY;

/** A code entered right: its country's figures, and for a number still being proven its breakers. */
export async function countVerified(
  phone: string,
  proven: boolean,
  now: number,
) {
  const country = await countryOf(phone);
  const scopes = proven ? [] : breakerScopes(phone, country);
  return getLimiter().messages.count(
    { kind: "verified", country, scopes },
    now,
  );
}

/** A text the provider reports delivered. */
export async function countDelivered(phone: string, now: number) {
  const country = await countryOf(phone);
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
