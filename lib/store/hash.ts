import { asLocale } from "@/lib/i18n/locales";
import type { PhoneFacts } from "@/lib/phone/facts";
import type { Challenge } from "./types";

// How a challenge is laid out as a Redis hash: every value a string, numbers converted back on
// the way out, null fields absent, the factor list comma-separated, the phone's facts as JSON.

type NumberField = {
  [K in keyof Challenge]: Challenge[K] extends number ? K : never;
}[keyof Challenge];
type NullableField = {
  [K in keyof Challenge]: null extends Challenge[K] ? K : never;
}[keyof Challenge];

/** Null fields are left out of the hash, so "" and null stay distinct. */
export function toHash(c: Challenge): Record<string, string> {
  const hash: Record<string, string> = {};
  for (const [k, v] of Object.entries(c))
    if (v !== null)
      hash[k] = k === "phoneFacts" ? JSON.stringify(v) : String(v);
  return hash;
}

/** Accepts HGETALL as a flat [field, value, …] list (raw replies) or an object. */
export function fromHash(raw: unknown): Challenge | null {
  const h = new Map<string, string>();
  if (Array.isArray(raw))
    for (let i = 0; i + 1 < raw.length; i += 2)
      h.set(String(raw[i]), String(raw[i + 1]));
  else if (raw && typeof raw === "object")
    for (const [k, v] of Object.entries(raw)) h.set(k, String(v));
  const id = h.get("id");
  if (!id) return null;
  const text = (f: keyof Challenge) => h.get(f) ?? "";
  const num = (f: NumberField) => Number(h.get(f) ?? 0);
  const orNull = (f: NullableField) => h.get(f) ?? null;
  const factors = h.get("factors");
  // Every field named once, in one object literal: one shape for every challenge read, in half
  // the time of copying a dictionary of the reply's fields (every send and verify reads one).
  return {
    id,
    purpose: text("purpose") as Challenge["purpose"],
    userId: orNull("userId"),
    pendingEmail: orNull("pendingEmail"),
    pendingPasswordHash: orNull("pendingPasswordHash"),
    phone: text("phone"),
    phoneFacts: readFacts(h.get("phoneFacts")),
    codeHash: text("codeHash"),
    codeExpiresAt: num("codeExpiresAt"),
    sends: num("sends"),
    attempts: num("attempts"),
    status: text("status") as Challenge["status"],
    delivery: text("delivery") as Challenge["delivery"],
    lastSentAt: num("lastSentAt"),
    lastCallAt: num("lastCallAt"),
    createdAt: num("createdAt"),
    // A challenge stored before factor lists existed accepted the phone alone.
    factors: (factors ? factors.split(",") : ["phone"]) as Challenge["factors"],
    verifiedBy: orNull("verifiedBy") as Challenge["verifiedBy"],
    locale: asLocale(h.get("locale")),
  };
}

/** Absent (JSON has no undefined), or a string. */
const optionalText = (v: unknown) => v === undefined || typeof v === "string";

/**
 * The facts as written by toHash; anything else (none: a challenge from before they were kept, or
 * any field of the wrong kind) reads as null, and the number is read again when asked.
 */
function readFacts(json: string | undefined): PhoneFacts | null {
  if (!json) return null;
  let f: Record<string, unknown>;
  try {
    f = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { valid, country, type, callingCode } = f ?? {};
  if (typeof valid !== "boolean") return null;
  if (![country, type, callingCode].every(optionalText)) return null;
  return { valid, country, type, callingCode } as PhoneFacts;
}
