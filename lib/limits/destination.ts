import type { NumberType } from "libphonenumber-js/max";
import type { ErrorCode } from "@/lib/errors";
import { canReceiveTexts, SMS_TYPES, type PhoneFacts } from "@/lib/phone/facts";
import type { Channel } from "@/lib/store";
import { allowedCountries } from "./settings";

// Against SMS pumping and toll fraud: codes only go to allowed countries and only to numbers that
// ring one person's device. Everything else is refused on every channel: toll-free, premium-rate,
// shared-cost and UAN numbers bill us per call or minute and are what toll fraud dials; personal
// (follow-me) and VoIP numbers are not tied to a device, so the code proves no possession (NIST
// SP 800-63B-4 §3.1.3.3); pagers and voicemail have no person to answer. An allowlist, so a number
// type libphonenumber adds later is refused until someone decides otherwise.

/** A landline can take a call (it hears the code) but not a text. */
const VOICE_TYPES: NumberType[] = [...SMS_TYPES, "FIXED_LINE"];

/** Why a code may not go to a number with these facts on this channel, or null when it may. */
export function destinationRefusal(
  { valid, country, type }: PhoneFacts,
  channel: Channel,
): ErrorCode | null {
  if (!valid) return "INVALID_PHONE";
  if (!country || !allowedCountries().includes(country))
    return "COUNTRY_NOT_ALLOWED";
  if (!type || !VOICE_TYPES.includes(type)) return "NUMBER_NOT_ALLOWED";
  if (channel === "sms" && !SMS_TYPES.includes(type))
    return "SMS_NOT_SUPPORTED";
  return null;
}

/** The first code goes by text when the number can take one, else by call (landlines). */
export function firstChannel(facts: PhoneFacts): Channel {
  return canReceiveTexts(facts) ? "sms" : "voice";
}
