import "server-only";
import { recordEvent } from "@/lib/audit";
import { challengeAccountOf } from "@/lib/challenge/id";
import type { StepContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { claimPauseNotice } from "@/lib/limits/decide";
import {
  applySecurityChange,
  type ChangeContext,
  type ChangeFacts,
} from "@/lib/security-changes/apply";

// What wrong answers did to an account, read and lifted in one place: the pages that show it, the
// step that tells its owner, and whoever may lift it (a recovery, an operator) use these
// functions and nothing else. The state itself lives in the challenge store (lib/store
// AccountFailureState): each client's pause by its own wrong answers, and the account's guessable
// codes switched off when wrong codes from every client together reach the bound.

/** How far back pauses count as "repeated". */
const RECENT_PAUSES_DAYS = 30;
/** From this many pauses in that time (or a switch-off), the owner is asked to change the password. */
const PAUSES_BEFORE_ADVICE = 2;

/** The security-change rows a pause is, whose notice goes at most once a day per account. */
type PauseChange = "account_locked" | "password_attempts_paused";

export interface Lockout {
  /** Text, call and app codes switched off for the account, until a stronger factor, a known
   * browser or a lift switches them back on. */
  codesOff: boolean;
  /** Wrong phone or app codes in a row, from every client together (toward the switch-off). */
  codeFailuresInARow: number;
  /** Wrong recovery codes in a row, from every client together (they pause only their client). */
  recoveryFailuresInARow: number;
  /** Clients paused now by their own wrong answers, and when the last of those pauses ends. */
  pausedClients: number;
  pausedUntil: number | null;
  /** Pauses of the account's sign-in (wrong codes, or the password step's) in the last 30 days,
   * since the password last changed. */
  recentPauses: number;
  /** Someone else seems to have the password: pauses repeat, or codes are switched off. */
  changePasswordAdvised: boolean;
}

const accountOf = (userId: string) => challengeAccountOf(`user:${userId}`);

/** The account's lockout state now, for a page, a recovery or an operator. */
export async function readLockout(
  ctx: Pick<StepContext, "store" | "now">,
  userId: string,
): Promise<Lockout> {
  const now = ctx.now();
  const db = await getDb();
  const since = new Date(now - RECENT_PAUSES_DAYS * 86_400_000);
  const [state, changed] = await Promise.all([
    ctx.store.readAccountFailures(accountOf(userId), now),
    db.authEvent.findFirst({
      where: {
        userId,
        type: { in: ["password_changed", "password_reset"] },
        createdAt: { gte: since },
      },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
  ]);
  // A new password is the remedy: pauses before it no longer say someone has it.
  const pauses = await db.authEvent.findMany({
    where: {
      userId,
      type: "lockout",
      createdAt: { gt: changed?.createdAt ?? since },
    },
    select: { detail: true },
    take: 100,
  });
  const recentPauses = pauses.filter(({ detail }) => {
    const d = (detail ?? {}) as Record<string, unknown>;
    return d.pause === "codes" || d.step === "password";
  }).length;
  const untils = state.pausedClients.map((c) => c.until);
  return {
    codesOff: state.codesOff,
    codeFailuresInARow: state.codeFailures,
    recoveryFailuresInARow: state.recoveryFailures,
    pausedClients: state.pausedClients.length,
    pausedUntil: untils.length ? Math.max(...untils) : null,
    recentPauses,
    changePasswordAdvised:
      state.codesOff || recentPauses >= PAUSES_BEFORE_ADVICE,
  };
}

/**
 * Lifts every pause and the switch-off of `userId`'s second factors (each client starts again,
 * codes are back on) and answers what was in force before. The audit row, the notice and anything
 * else an unlock sets off belong to its caller's row of the security-change table (an operator's
 * "Unlock", a recovery), which records what was lifted.
 */
export async function liftLockout(
  ctx: Pick<StepContext, "store" | "now">,
  userId: string,
): Promise<Lockout> {
  const before = await readLockout(ctx, userId);
  await ctx.store.clearAccountFailures(accountOf(userId));
  return before;
}

/**
 * A pause of `facts.userId`'s sign-in: the table's row for it, whose notice goes at most once a
 * UTC day per account (the audit row every time). A stranger who sets off pause after pause
 * cannot text the owner more than once a day, and the one notice says to change the password.
 */
export async function tellOfPause<C extends PauseChange>(
  ctx: ChangeContext,
  change: C,
  facts: ChangeFacts<C>,
): Promise<void> {
  const detail = {
    ...facts.detail,
    ...(change === "account_locked" ? { pause: "codes" } : {}),
  };
  if (await claimPauseNotice(facts.userId)) {
    await applySecurityChange(ctx, change, { ...facts, detail });
    return;
  }
  // Told already today: the row's audit alone (these rows set off nothing else).
  await recordEvent({
    type: "lockout",
    userId: facts.userId,
    ...ctx.request,
    detail: { ...detail, told: false },
  });
}
