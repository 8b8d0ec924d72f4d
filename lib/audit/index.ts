import "server-only";
import { after } from "next/server";
import { insertEvents, type AuditRow } from "./insert";
import { getDb } from "@/lib/db";

export type AuthEventType =
  | "signup"
  | "code_sent"
  | "code_failed"
  | "login_success"
  | "login_failure"
  | "lockout"
  | "sign_out"
  | "factor_added"
  | "factor_removed"
  | "recovery_code_used"
  | "device_remembered"
  | "device_forgotten"
  | "password_changed"
  | "email_verified"
  | "password_reset"
  | "email_changed"
  | "phone_changed"
  | "email_change_requested"
  | "email_change_cancelled"
  | "account_removed"
  | "admin_request"
  | "account_unlocked"
  | "account_switched_off"
  | "account_switched_on"
  | "locked_down"
  | "deletion_requested"
  | "deletion_cancelled"
  | "account_erased"
  | "recovery_requested"
  | "recovery_started"
  | "recovery_cancelled"
  | "recovery_completed";

export interface AuditInput {
  type: AuthEventType;
  userId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small facts (channel, status, reason); never a code, password or token. */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Records an AuthEvent. Within a request the INSERT runs after the reply is sent (Next's after()
 * keeps the process alive for it), so no step waits on it; elsewhere (a script, a test calling a
 * step) it is written before this returns. Auditing must not break sign-in, so a failed write is
 * only logged.
 */
export async function recordEvent(input: AuditInput): Promise<void> {
  const row = toRow(input);
  try {
    after(() => writeEvent(row));
    return;
  } catch {
    // after() throws outside a request scope: write it now instead.
  }
  await writeEvent(row);
}

/** Rows one INSERT carries at most, so a burst never builds one huge statement. */
const MAX_ROWS_PER_INSERT = 200;

interface Queued {
  row: AuditRow;
  written: () => void;
}

let queued: Queued[] = [];
let writing: Promise<void> | undefined;

/**
 * Group commit: a row goes out at once when no write is in flight; rows that arrive during one go
 * out together in the next INSERT. A statement costs most of its CPU whatever its row count, so
 * under load the rows of many requests share one; an idle server still writes each row on its
 * own, without waiting. Resolves once the row is written (or logged).
 */
function writeEvent(row: AuditRow): Promise<void> {
  return new Promise<void>((written) => {
    queued.push({ row, written });
    writing ??= drain();
  });
}

async function drain(): Promise<void> {
  while (queued.length > 0) {
    const batch = queued.slice(0, MAX_ROWS_PER_INSERT);
    queued = queued.slice(batch.length);
    await writeRows(batch.map((q) => q.row));
    for (const q of batch) q.written();
  }
  writing = undefined;
}

const toRow = (input: AuditInput): AuditRow => ({
  type: input.type,
  userId: input.userId ?? null,
  ip: input.ip ?? null,
  userAgent: input.userAgent ?? null,
  detail: input.detail ?? {},
  createdAt: new Date(),
});

async function writeRows(rows: AuditRow[]): Promise<void> {
  if (rows.length > 1) {
    try {
      await insertEvents(await getDb(), rows);
      return;
    } catch {
      // One bad row (a user deleted meanwhile) fails the statement: write each on its own, so
      // only that one is lost, and logged.
    }
  }
  for (const row of rows) await writeRow(row);
}

async function writeRow(row: AuditRow): Promise<void> {
  try {
    await insertEvents(await getDb(), [row]);
  } catch (error) {
    console.error(
      "audit: could not record %s event: %s",
      row.type,
      (error as Error).message,
    );
  }
}

/** Default length of the security history on /account: enough to spot an unknown sign-in. */
export const RECENT_EVENTS_SHOWN = 10;

export type RecentEvent = Awaited<ReturnType<typeof listRecentEvents>>[number];

/**
 * A person's latest security events, newest first (uses the (userId, createdAt) index). An
 * operator's own console requests are left out unless asked for: they would crowd out the sign-ins.
 */
export async function listRecentEvents(
  userId: string,
  limit = RECENT_EVENTS_SHOWN,
  { consoleRequests = false } = {},
) {
  const db = await getDb();
  return db.authEvent.findMany({
    where: consoleRequests
      ? { userId }
      : { userId, type: { not: "admin_request" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, type: true, ip: true, detail: true, createdAt: true },
  });
}
