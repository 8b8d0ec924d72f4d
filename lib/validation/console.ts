import { z } from "zod";
import { FIELD_MESSAGES } from "@/lib/errors";

// The bodies of the operators' console's actions (app/api/admin). Each names the account and the
// reason the operator typed: it goes into the audit rows, so it must say something.

/** Long enough for a ticket number and a sentence; short enough for an audit row. */
export const REASON_MAX_CHARS = 500;
/** "ok" or a keystroke is not a reason. */
export const REASON_MIN_CHARS = 4;

const reason = z
  .string()
  .trim()
  .min(REASON_MIN_CHARS, FIELD_MESSAGES.reason)
  .max(REASON_MAX_CHARS);

/** Unlock, End all sessions, Switch off, Switch on. */
export const consoleActionSchema = z.strictObject({
  userId: z.string().min(1).max(64),
  reason,
});

/** Remove one factor of the account, by the id the console lists. */
export const removeFactorSchema = z.strictObject({
  userId: z.string().min(1).max(64),
  factorId: z.string().min(1).max(64),
  reason,
});

/** "Lift" or "Extend" on a breaker in force (app/admin/messages): its scope as the figures name it. */
export const breakerChangeSchema = z.strictObject({
  scope: z
    .string()
    .regex(/^(all|cc:[A-Z]{2}|px:\d{1,15})$/)
    .transform((v) => v as "all" | `cc:${string}` | `px:${string}`),
  action: z.enum(["lift", "extend"]),
  /** How long from now an extended pause lasts; the use case bounds it. */
  minutes: z.number().int().min(1).optional(),
  reason,
});
