import "server-only";
import { UNCONFIRMED_ACCOUNT_DAYS } from "@/lib/account/policy";
import {
  deleteUnverifiedAccount,
  otherUnverifiedAccounts,
  unverifiedCreatedBefore,
  unverifiedPastBound,
} from "@/lib/account/unconfirmed";
import {
  applySecurityChange,
  type ChangeContext,
} from "@/lib/security-changes/apply";

// Accounts that have not proven their address hold it only for a while and only until someone
// proves it: each removal ends everything the account holds (the security-change table's row), then
// deletes it, only while it is still unverified.

type Removal =
  "signup_refused" | "address_proven_elsewhere" | "unconfirmed_account_expired";

const DAY_MS = 24 * 3600 * 1000;
/** Accounts one purge removes at most, so one run never holds the database for long. */
const PURGE_BATCH = 500;

/** Removes one unverified account after what `change` sets off; whether it was removed. */
export async function removeUnverifiedAccount(
  ctx: ChangeContext,
  userId: string,
  change: Removal,
): Promise<boolean> {
  await applySecurityChange(ctx, change, {
    userId,
    // The audit row outlives the account, without it: this says which one it was.
    detail: { removedAccount: userId },
    accountRemoved: true,
  });
  return deleteUnverifiedAccount(userId);
}

/**
 * The address was just proven by `userId` (its verification link, or an email change): every other
 * sign-up still waiting for it is removed, its password, phone and sessions with it.
 */
export async function releaseAddressToProver(
  ctx: ChangeContext,
  userId: string,
  email: string,
): Promise<number> {
  let removed = 0;
  for (const other of await otherUnverifiedAccounts(email, userId))
    if (await removeUnverifiedAccount(ctx, other, "address_proven_elsewhere"))
      removed++;
  return removed;
}

/**
 * A new sign-up for `email`: the oldest unverified accounts past UNVERIFIED_ACCOUNTS_PER_ADDRESS
 * are removed, so sign-ups for one address stay bounded without any of them being refused.
 */
export async function keepAddressBounded(
  ctx: ChangeContext,
  email: string,
): Promise<void> {
  for (const old of await unverifiedPastBound(email))
    await removeUnverifiedAccount(ctx, old, "unconfirmed_account_expired");
}

/**
 * Removes the accounts that have not proven their address within UNCONFIRMED_ACCOUNT_DAYS of
 * signing up, so an address typed by someone who cannot read it is not held forever. Meant for a
 * scheduled job (a protected cron route); `ctx.now()` is the clock. Answers how many it removed;
 * one call removes at most PURGE_BATCH, and a full batch means calling again.
 */
export async function purgeUnconfirmedAccounts(
  ctx: ChangeContext,
): Promise<{ removed: number; more: boolean }> {
  const before = new Date(ctx.now() - UNCONFIRMED_ACCOUNT_DAYS * DAY_MS);
  const due = await unverifiedCreatedBefore(before, PURGE_BATCH);
  let removed = 0;
  for (const userId of due)
    if (
      await removeUnverifiedAccount(ctx, userId, "unconfirmed_account_expired")
    )
      removed++;
  return { removed, more: due.length === PURGE_BATCH };
}
