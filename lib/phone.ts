import {
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
} from "libphonenumber-js/max";

/** Mobile, or a number whose type cannot be told from the digits (US and Canada). */
export const SMS_TYPES: readonly NumberType[] = [
  "MOBILE",
  "FIXED_LINE_OR_MOBILE",
];

/** Whether a text can reach this number at all (a landline cannot: it gets calls). */
export function canReceiveTexts(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
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
  const parsed = parsePhoneNumberFromString(e164);
  const last = e164.slice(-4);
  return parsed ? `+${parsed.countryCallingCode} ••• ${last}` : `••• ${last}`;
}
