import "server-only";
import { after } from "next/server";
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
  | "phone_changed";

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
  try {
    after(() => writeEvent(input));
    return;
  } catch {
    // after() throws outside a request scope: write it now instead.
  }
  await writeEvent(input);
}

async function writeEvent(input: AuditInput): Promise<void> {
  try {
    const db = await getDb();
    await db.authEvent.create({
      data: {
        type: input.type,
        userId: input.userId ?? null,
        ip: input.ip ?? null,
        userAgent: input.userAgent ?? null,
        detail: input.detail ?? {},
      },
    });
  } catch (error) {
    console.error(
      "audit: could not record %s event: %s",
      input.type,
      (error as Error).message,
    );
  }
}

/** Default length of the security history on /account: enough to spot an unknown sign-in. */
export const RECENT_EVENTS_SHOWN = 10;

export type RecentEvent = Awaited<ReturnType<typeof listRecentEvents>>[number];

/** A person's latest security events, newest first (uses the (userId, createdAt) index). */
export async function listRecentEvents(
  userId: string,
  limit = RECENT_EVENTS_SHOWN,
) {
  const db = await getDb();
  return db.authEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, type: true, ip: true, detail: true, createdAt: true },
  });
}
