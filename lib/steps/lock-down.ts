import "server-only";
import { findAccountById } from "@/lib/account/email";
import { markLockedDown } from "@/lib/account/lifecycle";
import type { AccountContext, StepContext } from "@/lib/context";
import { spendEmailLink } from "@/lib/email-links";
import { refuse, type Outcome } from "@/lib/errors";
import { applySecurityChange } from "@/lib/security-changes/apply";
import { cancelRecoveryOnSignIn } from "./recover-account";

// "This wasn't me": the remedy for a notice the person did not cause. It grants nothing to whoever
// uses it: it ends every session (this one too), forgets every remembered browser, ends every
// sign-in, reset and phone change in progress, spends every pending email change and reset link
// (the security-change table's "locked_down" row), and no sign-in finishes until the password is
// reset, with a link to the verified address and the second factor. It opens no session, so a
// copied link is worth nothing to a phisher, and it needs no fresh second factor: an owner whose
// session an intruder shares must be able to use it at once.

/** The lock-down link of a notice email: spent once, then the account is locked down. */
export async function lockDownByLink(
  ctx: StepContext,
  token: string,
): Promise<Outcome> {
  const link = await spendEmailLink(token, "lock_down", new Date(ctx.now()));
  if (!link) return refuse("EMAIL_LINK_INVALID");
  await lockDown(ctx, link.userId, "link");
  return { ok: true };
}

/**
 * "This wasn't me" beside an event of "Recent security activity". Unlocking takes a reset link to
 * a verified address: an account without one would be locked for good, so it is refused.
 */
export async function lockDownFromAccount(
  ctx: AccountContext,
): Promise<Outcome> {
  const user = await findAccountById(ctx.user.id);
  if (!user?.emailVerifiedAt || user.phones.length === 0)
    return refuse("LOCK_DOWN_NEEDS_EMAIL");
  await lockDown(ctx, user.id, "account");
  return { ok: true };
}

async function lockDown(
  ctx: StepContext & { session?: { id: string | null } },
  userId: string,
  by: "link" | "account",
): Promise<void> {
  await markLockedDown(userId, new Date(ctx.now()));
  await applySecurityChange(ctx, "locked_down", { userId, detail: { by } });
  // A recovery waiting out its period may be the intruder's: it ends with everything else.
  await cancelRecoveryOnSignIn(ctx, userId, "lock-down");
}
