import {
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js/max";
import { processWide } from "@/lib/runtime/process-wide";
import type { PhoneFacts } from "./facts";

export {
  canReceiveTexts,
  maskPhone,
  SMS_TYPES,
  type PhoneFacts,
} from "./facts";

/** Numbers whose facts are kept; past it the oldest goes first, so any input keeps memory bounded. */
export const PHONE_FACTS_KEPT = 10_000;

/**
 * Reads a number once per process: parsing with the full metadata costs tens of microseconds, and a
 * step asks about its number more than once (where a code may go, by which channel first). The
 * facts depend only on the digits and the bundled metadata, so they never go stale while the
 * process runs. A challenge keeps them (lib/phone/facts.ts), so its sends never parse again.
 */
export function phoneFacts(e164: string): PhoneFacts {
  const known = processWide("phone-facts", () => new Map<string, PhoneFacts>());
  const kept = known.get(e164);
  if (kept) return kept;
  const parsed = parsePhoneNumberFromString(e164);
  // Frozen: every challenge opened in this process on this number holds this very object.
  const facts: PhoneFacts = Object.freeze({
    valid: parsed?.isValid() ?? false,
    country: parsed?.country,
    type: parsed?.getType(),
    callingCode: parsed?.countryCallingCode,
  });
  if (known.size >= PHONE_FACTS_KEPT) known.delete(known.keys().next().value!);
  known.set(e164, facts);
  return facts;
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
