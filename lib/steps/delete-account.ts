import "server-only";
import { findCurrentEmail } from "@/lib/account/email";
import { clearDeletion, markDeletionDue } from "@/lib/account/lifecycle";
import type { AccountContext, StepContext } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { refuse, type Outcome } from "@/lib/errors";
import { applySecurityChange } from "@/lib/security-changes/apply";

// "Delete account" (ASVS 5.0 7.4.2: every session ends at once). Its route declares a second factor
// passed in the last 10 minutes, and the person types the account's address, so neither a session
// left open nor a slip of the finger deletes it. The account then waits out its grace period
// (DELETION_GRACE_DAYS): the person is told by email and text, and signing in cancels it; when it
// ends, the erasure (./erase-due-accounts.ts) removes the account and all it holds.

const DAY_MS = 24 * 3600 * 1000;

export async function requestAccountDeletion(
  ctx: AccountContext,
  input: { email: string },
): Promise<Outcome<{ dueAt: Date }>> {
  const userId = ctx.user.id;
  const current = await findCurrentEmail(userId);
  if (!current || input.email.trim().toLowerCase() !== current)
    return refuse("DELETE_CONFIRM_MISMATCH");
  const dueAt = new Date(ctx.now() + getEnv().deletionGraceDays * DAY_MS);
  await markDeletionDue(userId, dueAt);
  await applySecurityChange(ctx, "deletion_requested", {
    userId,
    detail: { due: dueAt.toISOString() },
    noticeArgs: [dueAt],
  });
  return { ok: true, dueAt };
}

/**
 * A sign-in finished (both factors) during the grace period: the deletion is cancelled, told and
 * audited. Answers whether there was one to cancel.
 */
export async function cancelDeletionBySignIn(
  ctx: StepContext,
  userId: string,
): Promise<boolean> {
  if (!(await clearDeletion(userId))) return false;
  await applySecurityChange(ctx, "deletion_cancelled", { userId });
  return true;
}
