import type { CountryCode, NumberType } from "libphonenumber-js/max";

// What the code step asks of a number, apart from the metadata that reads it (lib/phone): a
// challenge keeps its phone facts from when it starts, so a send, the code page and the day's
// figures answer from them without loading libphonenumber's metadata on their cold start.

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

/** Whether a text can reach this number at all (a landline cannot: it gets calls). */
export function canReceiveTexts({ type }: PhoneFacts): boolean {
  return !!type && SMS_TYPES.includes(type);
}

/** Shows enough of a number for a person to recognise it: +1 ••• ••• 4567. */
export function maskPhone(e164: string, { callingCode }: PhoneFacts): string {
  const last = e164.slice(-4);
  return callingCode ? `+${callingCode} ••• ${last}` : `••• ${last}`;
}
