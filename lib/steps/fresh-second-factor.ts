import type { AccountContext } from "@/lib/context";
import { refuse, type Refusal } from "@/lib/errors";
import { isFreshSecondFactor } from "@/lib/factors/policy";

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
