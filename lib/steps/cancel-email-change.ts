import "server-only";
import { findPendingEmailChange } from "@/lib/account/email-change";
import type { AccountContext, StepContext } from "@/lib/context";
import { spendByCancelToken } from "@/lib/email-links";
import { refuse, type Outcome } from "@/lib/errors";
import { applySecurityChange } from "@/lib/security-changes/apply";

// Cancelling a pending email change: "Cancel email change" on the account page, or the cancel link
// mailed to the current address when the change was asked for. Cancelling is a remedy, never a
// way in: it needs no fresh second factor, and the link signs no one in and changes nothing else.

/**
 * "Cancel email change" on the account page: the pending change, if any, stops working. No limit
 * is declared, so nobody can spend the owner's way to cancel; with nothing pending nothing is done.
 */
export async function cancelEmailChange(ctx: AccountContext): Promise<Outcome> {
  if (!(await findPendingEmailChange(ctx.user.id, new Date(ctx.now()))))
    return { ok: true };
  await applySecurityChange(ctx, "email_change_cancelled", {
    userId: ctx.user.id,
    detail: { by: "account" },
  });
  return { ok: true };
}

/** The cancel link was opened: the change it names stops working, once; no session follows. */
export async function cancelEmailChangeByLink(
  ctx: StepContext,
  token: string,
): Promise<Outcome> {
  const link = await spendByCancelToken(token, new Date(ctx.now()));
  if (!link) return refuse("EMAIL_LINK_INVALID");
  await applySecurityChange(ctx, "email_change_cancelled", {
    userId: link.userId,
    detail: { by: "link" },
  });
  return { ok: true };
}
