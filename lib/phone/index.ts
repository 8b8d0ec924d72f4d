import {
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
} from "libphonenumber-js/max";
import { processWide } from "@/lib/runtime/process-wide";

/** Mobile, or a number whose type cannot be told from the digits (US and Canada). */
export const SMS_TYPES: readonly NumberType[] = [
  "MOBILE",
  "FIXED_LINE_OR_MOBILE",
];

/** What the code step asks of a stored E.164 number. */
export interface PhoneFacts {
  valid: boolean;
  country: CountryCode | undefined;
  type: NumberType | undefined;
  callingCode: string | undefined;
}

/** Numbers whose facts are kept; past it the oldest goes first, so any input keeps memory bounded. */
export const PHONE_FACTS_KEPT = 10_000;

/**
 * Reads a number once per process: parsing with the full metadata costs tens of microseconds, and
 * a challenge's number is asked about three times on every send (destination, mask, whether it
 * takes texts) and again on every page view. The facts depend only on the digits and the bundled
 * metadata, so they never go stale while the process runs.
 */
export function phoneFacts(e164: string): PhoneFacts {
  const known = processWide("phone-facts", () => new Map<string, PhoneFacts>());
  const kept = known.get(e164);
  if (kept) return kept;
  const parsed = parsePhoneNumberFromString(e164);
  const facts: PhoneFacts = {
    valid: parsed?.isValid() ?? false,
    country: parsed?.country,
    type: parsed?.getType(),
    callingCode: parsed?.countryCallingCode,
  };
  if (known.size >= PHONE_FACTS_KEPT) known.delete(known.keys().next().value!);
  known.set(e164, facts);
  return facts;
}

/** Whether a text can reach this number at all (a landline cannot: it gets calls). */
export function canReceiveTexts(e164: string): boolean {
  const { type } = phoneFacts(e164);
  return !!type && SMS_TYPES.includes(type);
}

/** Parses what a person typed (E.164, or national digits with a country) into E.164, or null. */
export function parsePhone(input: string, country?: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), {
    defaultCountry:
      (country?.toUpperCase() as CountryCode | undefined) || undefined,
  });
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** Shows enough of a number for a person to recognise it: +1 ••• ••• 4567. */
export function maskPhone(e164: string): string {
  const { callingCode } = phoneFacts(e164);
  const last = e164.slice(-4);
  return callingCode ? `+${callingCode} ••• ${last}` : `••• ${last}`;
}
