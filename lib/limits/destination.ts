import {
  parsePhoneNumberFromString,
  type NumberType,
} from "libphonenumber-js/max";
import type { ErrorCode } from "@/lib/errors";
import { allowedCountries } from "./settings";

// Against SMS pumping and toll fraud: codes only go to allowed countries, texts only to numbers
// that can take them, and never to numbers that bill the caller (premium rate, shared cost).

export type Channel = "sms" | "voice";

/** Mobile, or a number whose type cannot be told from the digits (US and Canada). */
const SMS_TYPES: NumberType[] = ["MOBILE", "FIXED_LINE_OR_MOBILE"];
/** Numbers that cost us extra per call or minute, or that no person answers. */
const REFUSED_TYPES: NumberType[] = [
  "PREMIUM_RATE",
  "SHARED_COST",
  "UAN",
  "PAGER",
  "VOICEMAIL",
];

/** Why a code may not go to this number on this channel, or null when it may. */
export function destinationRefusal(
  e164: string,
  channel: Channel,
): ErrorCode | null {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) return "INVALID_PHONE";
  if (!parsed.country || !allowedCountries().includes(parsed.country))
    return "COUNTRY_NOT_ALLOWED";
  const type = parsed.getType();
  if (type && REFUSED_TYPES.includes(type)) return "NUMBER_NOT_ALLOWED";
  if (channel === "sms" && !(type && SMS_TYPES.includes(type)))
    return "SMS_NOT_SUPPORTED";
  return null;
}

/** The first code goes by text when the number can take one, else by call (landlines). */
export function firstChannel(e164: string): Channel {
  return destinationRefusal(e164, "sms") === "SMS_NOT_SUPPORTED"
    ? "voice"
    : "sms";
}
