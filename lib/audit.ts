import "server-only";
import { getDb } from "@/lib/db";

export type AuthEventType =
  | "signup"
  | "code_sent"
  | "code_failed"
  | "login_success"
  | "login_failure"
  | "lockout"
  | "sign_out"
  | "phone_verified";

export interface AuditInput {
  type: AuthEventType;
  userId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small facts (channel, status, reason); never a code, password or token. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Writes an AuthEvent row. Auditing must not break sign-in, so a failed write is only logged. */
export async function recordEvent(input: AuditInput): Promise<void> {
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
