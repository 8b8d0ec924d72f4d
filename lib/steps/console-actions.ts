import "server-only";
import type { AccountContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { refuse, type Outcome } from "@/lib/errors";
import { markDeletionDue } from "@/lib/account/lifecycle";
import { getEnv } from "@/lib/env";
import { deleteFactors } from "@/lib/factors/records";
import { liftLockout } from "./lockout";
import { cancelRecoveryOnSignIn } from "./recover-account";
import {
  applySecurityChange,
  type ChangeContext,
} from "@/lib/security-changes/apply";

// What an operator may do to an account in the console. Each takes the reason the operator typed,
// and goes through the security-change table: its audit row on the person's account names the
// operator and the reason, and the person is told by email and text. Each answers
// ACCOUNT_NOT_FOUND for an account that does not exist.

export interface ConsoleAction {
  userId: string;
  reason: string;
}

/** The change's context: the operator's session is not the person's, so none of theirs is kept. */
const asSupport = (ctx: AccountContext): ChangeContext => ({
  ...ctx,
  session: { id: null },
});

/** The person's audit row: done by support, by whom, why. */
const byOperator = (ctx: AccountContext, reason: string) => ({
  by: "support",
  operator: ctx.user.email ?? ctx.user.id,
  reason,
});

async function accountExists(userId: string): Promise<boolean> {
  const db = await getDb();
  return (await db.user.count({ where: { id: userId } })) === 1;
}

/** "Unlock": the pause or switch-off that wrong second factors put on sign-in is lifted. */
export async function unlockAccount(
  ctx: AccountContext,
  { userId, reason }: ConsoleAction,
): Promise<Outcome> {
  if (!(await accountExists(userId))) return refuse("ACCOUNT_NOT_FOUND");
  await liftLockout(ctx, userId);
  await applySecurityChange(asSupport(ctx), "support_unlocked", {
    userId,
    detail: byOperator(ctx, reason),
  });
  return { ok: true };
}

/** "End all sessions" (ASVS 5.0 7.4.5): every session of the account ends at once. */
export async function endAllSessions(
  ctx: AccountContext,
  { userId, reason }: ConsoleAction,
): Promise<Outcome<{ ended: number }>> {
  if (!(await accountExists(userId))) return refuse("ACCOUNT_NOT_FOUND");
  const done = await applySecurityChange(
    asSupport(ctx),
    "support_ended_sessions",
    {
      userId,
      detail: { ...byOperator(ctx, reason), ended: "all" },
    },
  );
  return { ok: true, ended: done.sessionsEnded };
}

/**
 * "Remove" on a factor of the account: an authenticator app, a passkey or its recovery codes,
 * under the rule every removal shares (the verified phone stays).
 */
export async function removeFactor(
  ctx: AccountContext,
  { userId, reason, factorId }: ConsoleAction & { factorId: string },
): Promise<Outcome> {
  const db = await getDb();
  const factor = await db.factor.findFirst({
    where: { id: factorId, userId },
    select: { kind: true, passkey: { select: { name: true } } },
  });
  if (!factor) return refuse("FACTOR_NOT_FOUND");
  const removed = await deleteFactors(userId, { id: factorId });
  if (removed === "last") return refuse("LAST_FACTOR");
  if (removed === "none") return refuse("FACTOR_NOT_FOUND");
  const name = factor.passkey?.name ?? null;
  await applySecurityChange(asSupport(ctx), "support_removed_factor", {
    userId,
    detail: {
      ...byOperator(ctx, reason),
      factor: factor.kind,
      ...(name ? { name } : {}),
    },
    noticeArgs: [factor.kind, name],
  });
  return { ok: true };
}

/**
 * "Switch off" (ASVS 5.0 7.4.2): sign-in is refused until "Switch on", and every session ends at
 * once. Switching off an account already off changes nothing and tells no one again.
 */
export async function switchOff(
  ctx: AccountContext,
  { userId, reason }: ConsoleAction,
): Promise<Outcome> {
  const db = await getDb();
  const changed = await db.user.updateMany({
    where: { id: userId, switchedOffAt: null },
    data: { switchedOffAt: new Date(ctx.now()), switchedOffReason: reason },
  });
  if (changed.count === 0)
    return (await accountExists(userId))
      ? { ok: true }
      : refuse("ACCOUNT_NOT_FOUND");
  await applySecurityChange(asSupport(ctx), "support_switched_off", {
    userId,
    detail: byOperator(ctx, reason),
  });
  // A recovery waiting out its period may be whoever the account was switched off against.
  await cancelRecoveryOnSignIn(asSupport(ctx), userId, "switch-off");
  return { ok: true };
}

/** "Switch on": sign-in works again (its password and second factor, as before). */
export async function switchOn(
  ctx: AccountContext,
  { userId, reason }: ConsoleAction,
): Promise<Outcome> {
  const db = await getDb();
  const changed = await db.user.updateMany({
    where: { id: userId, switchedOffAt: { not: null } },
    data: { switchedOffAt: null, switchedOffReason: null },
  });
  if (changed.count === 0)
    return (await accountExists(userId))
      ? { ok: true }
      : refuse("ACCOUNT_NOT_FOUND");
  await applySecurityChange(asSupport(ctx), "support_switched_on", {
    userId,
    detail: byOperator(ctx, reason),
  });
  return { ok: true };
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * "Start deletion": the person's own "Delete account", with its grace period (DELETION_GRACE_DAYS):
 * every session ends at once, the person is told by email and text with the day it is erased, and
 * signing in before then cancels it. An account already waiting keeps its day.
 */
export async function startDeletion(
  ctx: AccountContext,
  { userId, reason }: ConsoleAction,
): Promise<Outcome<{ dueAt: Date | null }>> {
  if (!(await accountExists(userId))) return refuse("ACCOUNT_NOT_FOUND");
  const dueAt = new Date(ctx.now() + getEnv().deletionGraceDays * DAY_MS);
  if (!(await markDeletionDue(userId, dueAt))) return { ok: true, dueAt: null };
  await applySecurityChange(asSupport(ctx), "deletion_requested", {
    userId,
    detail: { ...byOperator(ctx, reason), due: dueAt.toISOString() },
    noticeArgs: [dueAt],
  });
  return { ok: true, dueAt };
}
