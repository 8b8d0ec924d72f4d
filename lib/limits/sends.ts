import "server-only";
import { ERRORS, refuse, type Refusal } from "@/lib/errors";
import type { PhoneFacts } from "@/lib/phone/facts";
import type { Channel } from "@/lib/store";
import { limit, limitId, toRefusal } from "./decide";
import { destinationRefusal } from "./destination";
import { getLimiter } from "./index";
import * as policy from "./policy";
import { breakerScopes, UNKNOWN_COUNTRY, type Trip } from "./messages";
import { breakerSettings, limitSettings } from "./settings";

// The limits a code's send must pass: where it may go, and how many may go. Apart from the other
// steps' limits (decide.ts) because they read the phone facts: its country and type, as its
// challenge keeps them (lib/phone/facts.ts), never the metadata that reads them.

export interface SendTarget {
  phone: string;
  /** Its country counts toward that country's figures and breakers. */
  facts: PhoneFacts;
  /** "user:<id>" for a sign-in, "email:<email>" for a sign-up. */
  account: string;
  /** The account's own verified phone (sign-in), or a number still being proven (sign-up). */
  verified: boolean;
  addressBucket: string;
}

/** Whether a number with these facts may get a code on this channel at all (no round trip). */
export function checkDestination(facts: PhoneFacts, channel: Channel) {
  const refusal = destinationRefusal(facts, channel);
  if (!refusal) return null;
  return refuse(refusal, { fields: { phone: ERRORS[refusal].message } });
}

/** A send's refusal; `tripped`: the breaker this very send set off, which the operator is told of. */
export type SendRefusal = Refusal & { tripped?: Trip };

/**
 * Counts one message against every send limit, all or nothing; a refusal counts nothing. In the
 * same round trip: the hourly ceiling, and for a number still being proven, the breakers of its
 * country and number range; the day's figures count the send or the refusal's reason.
 */
export async function consumeSendLimits(
  target: SendTarget,
  {
    channel = "sms",
    now = Date.now(),
  }: { channel?: Channel; now?: number } = {},
): Promise<SendRefusal | null> {
  const s = limitSettings();
  const { HOUR, DAY } = policy;
  const v = target.verified;
  const country = target.facts.country ?? UNKNOWN_COUNTRY;
  const decision = await getLimiter().consumeSend(
    [
      limit(
        v ? "phone" : "phone-unverified",
        limitId("phone", target.phone),
        s.sendsPerPhonePerHour,
        HOUR,
      ),
      limit(
        "account",
        limitId("account", target.account),
        s.sendsPerAccountPerHour,
        HOUR,
      ),
      limit(
        "ip",
        limitId("ip", target.addressBucket),
        s.sendsPerIpPerHour,
        HOUR,
      ),
      v
        ? limit("budget", "all", s.dailyMessageBudget, DAY)
        : limit(
            "budget-unverified",
            "all",
            s.dailyUnverifiedMessageBudget,
            DAY,
          ),
    ],
    {
      country,
      channel,
      scopes: v ? [] : breakerScopes(target.phone, country),
      breaker: breakerSettings(),
    },
    now,
  );
  if (!("tripped" in decision)) return toRefusal(decision);
  const { retryAfterSeconds, tripped } = decision;
  const refusal = refuse("CODES_PAUSED", { retryAfterSeconds });
  return tripped ? { ...refusal, tripped } : refusal;
}
