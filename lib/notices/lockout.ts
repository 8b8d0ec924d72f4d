import "server-only";
import type { CheckOutcome } from "@/lib/challenge/verify";
import { NOTICES } from "./catalogue";
import { notifyAccount, type NoticeDeps } from "./notify";

/**
 * Tells the account when a wrong second factor paused or switched off its sign-in. Only the
 * attempt that crossed the line is counted with a wait (or the switch-off); attempts refused while
 * the lock lasts count nothing, so each lockout sends one notice, not one per wrong code. A
 * challenge's own attempt cap (five wrong codes on one code) ends that challenge only: no notice.
 */
export async function notifyLockout(
  deps: NoticeDeps,
  userId: string | null,
  result: Extract<CheckOutcome, { ok: false }>,
): Promise<void> {
  if (!userId || !result.counted) return;
  if (result.error === "ACCOUNT_DISABLED")
    return notifyAccount(deps, userId, NOTICES.accountDisabled());
  if (result.error === "ACCOUNT_LOCKED" && result.retryAfterSeconds)
    return notifyAccount(
      deps,
      userId,
      NOTICES.accountLocked(result.retryAfterSeconds),
    );
}
