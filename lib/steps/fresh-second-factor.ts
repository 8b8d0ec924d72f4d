import type { AccountContext } from "@/lib/context";
import { refuse, type Refusal } from "@/lib/errors";
import { isFreshSecondFactor, type SignInMethod } from "@/lib/factors/policy";

/** What a route asks of the session's second factor: its age, and which kinds count. */
export interface SecondFactorNeed {
  withinMinutes: number;
  /** Only a sign-in by one of these counts (a passkey: phishing-resistant); any kind when unset. */
  kinds?: readonly SignInMethod[];
}

/**
 * The refusal of a session whose second factor is older than `withinMinutes` (or unknown), else
 * null. Routes declare it (lib/http/routes.ts); the use cases behind them assume it held.
 */
export function checkSecondFactorAge(
  ctx: Pick<AccountContext, "session" | "now">,
  withinMinutes: number,
): Refusal | null {
  return isFreshSecondFactor(
    ctx.session.secondFactorAt,
    ctx.now(),
    withinMinutes,
  )
    ? null
    : refuse("REAUTH_REQUIRED");
}

/**
 * The refusal of a session whose second factor is not what `need` asks: too old, or (when kinds
 * are named) of another kind, refused with PASSKEY_REQUIRED so the page offers the passkey again.
 */
export function checkSecondFactor(
  ctx: Pick<AccountContext, "session" | "now">,
  need: SecondFactorNeed,
): Refusal | null {
  const stale = checkSecondFactorAge(ctx, need.withinMinutes);
  if (!need.kinds) return stale;
  const method = ctx.session.signedInWith;
  const kindOk = method !== null && need.kinds.includes(method);
  return stale || !kindOk ? refuse("PASSKEY_REQUIRED") : null;
}
