import type { Challenge } from "./types";

// How a challenge is laid out as a Redis hash: every value a string, numbers converted back on
// the way out, null fields absent, the factor list comma-separated.

const NUMBER_FIELDS = [
  "codeExpiresAt",
  "sends",
  "attempts",
  "lastSentAt",
  "lastCallAt",
  "createdAt",
] as const;
const NULLABLE_FIELDS = [
  "userId",
  "pendingEmail",
  "pendingPasswordHash",
  "verifiedBy",
] as const;

/** Null fields are left out of the hash, so "" and null stay distinct. */
export function toHash(c: Challenge): Record<string, string> {
  const hash: Record<string, string> = {};
  for (const [k, v] of Object.entries(c)) if (v !== null) hash[k] = String(v);
  return hash;
}

/** Accepts HGETALL as a flat [field, value, …] list (raw replies) or an object. */
export function fromHash(raw: unknown): Challenge | null {
  const h: Record<string, string> = {};
  if (Array.isArray(raw))
    for (let i = 0; i + 1 < raw.length; i += 2)
      h[String(raw[i])] = String(raw[i + 1]);
  else if (raw && typeof raw === "object")
    for (const [k, v] of Object.entries(raw)) h[k] = String(v);
  if (!h.id) return null;
  const c: Record<string, unknown> = { ...h };
  for (const f of NUMBER_FIELDS) c[f] = Number(h[f] ?? 0);
  for (const f of NULLABLE_FIELDS) c[f] = h[f] ?? null;
  // A challenge stored before factor lists existed accepted the phone alone.
  c.factors = h.factors ? h.factors.split(",") : ["phone"];
  return c as unknown as Challenge;
}
