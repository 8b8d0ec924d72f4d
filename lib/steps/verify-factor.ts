import "server-only";
import { settleFactor } from "@/lib/challenge/verify";
import type { StepContext } from "@/lib/context";
import { refuse, type Outcome } from "@/lib/errors";
import {
  countRecoveryCodesLeft,
  findActiveTotp,
  restoreRecoveryCode,
  takeRecoveryCode,
  takeTotpStep,
  type RecoveryUse,
} from "@/lib/factors/records";
import {
  hashRecoveryCode,
  normalizeRecoveryCode,
} from "@/lib/factors/recovery-codes";
import { matchTotpStep } from "@/lib/factors/totp";
import { unseal } from "@/lib/keys";
import { applySecurityChange } from "@/lib/security-changes/apply";
import {
  countFactorFailure,
  failureClient,
  openFactorChallenge,
} from "./factor-outcome";
import { TOTP_SEAL_PURPOSE } from "./set-up-authenticator";
import type { Passed } from "./verify-code";

export type CheckedFactor = "totp" | "recovery";

type FactorOutcome = Outcome<{ recoveryCodesLeft?: number }>;

/**
 * The second-factor step by an authenticator code or a recovery code. The code is checked and spent
 * in the database (one conditional UPDATE: a time step or a recovery code is accepted once per
 * account), then settled on the challenge in one atomic store round trip that completes it for
 * next-auth to redeem, or counts a wrong code on the challenge and on the account's failures in a
 * row, shared with phone codes. A code that was right but already spent counts nothing.
 */
export async function checkFactorCode(
  ctx: StepContext,
  id: string,
  factor: CheckedFactor,
  input: string,
): Promise<
  | (Passed & { recoveryCodesLeft?: number })
  | Exclude<FactorOutcome, { ok: true }>
> {
  const opened = await openFactorChallenge(ctx.store, id, factor);
  if (!opened.ok) return opened;
  const { userId, challenge } = opened;

  let use: RecoveryUse;
  let spentCode: string | null = null;
  if (factor === "totp") {
    use = await spendTotpCode(userId, input, ctx.now());
  } else {
    const code = normalizeRecoveryCode(input);
    if (!code) return refuse("INVALID_RECOVERY_CODE");
    spentCode = hashRecoveryCode(userId, code);
    use = await takeRecoveryCode(spentCode);
  }
  if (use === "used")
    return refuse(
      factor === "totp" ? "CODE_ALREADY_USED" : "RECOVERY_CODE_USED",
    );

  const result = await settleFactor(
    ctx.store,
    id,
    use === "ok" ? factor : null,
    ctx.now(),
    { client: failureClient(ctx), tried: factor },
  );
  if (!result.ok) {
    // The challenge refused a right recovery code (it locked meanwhile): the code stays usable.
    if (use === "ok" && spentCode) await restoreRecoveryCode(spentCode);
    return countFactorFailure(ctx, result, { userId, factor });
  }
  const { purpose } = challenge;
  if (factor === "totp") return { ok: true, purpose };
  const left = await countRecoveryCodesLeft(userId);
  await applySecurityChange(ctx, "recovery_code_used", {
    userId,
    detail: { left },
    noticeArgs: [left],
  });
  return { ok: true, purpose, recoveryCodesLeft: left };
}

/** The authenticator or recovery code step, answering only whether it passed (and codes left). */
export async function verifyFactorStep(
  ctx: StepContext,
  id: string,
  factor: CheckedFactor,
  input: string,
): Promise<FactorOutcome> {
  const outcome = await checkFactorCode(ctx, id, factor, input);
  if (!outcome.ok) return outcome;
  const { recoveryCodesLeft } = outcome;
  return recoveryCodesLeft === undefined
    ? { ok: true }
    : { ok: true, recoveryCodesLeft };
}

async function spendTotpCode(
  userId: string,
  code: string,
  now: number,
): Promise<RecoveryUse> {
  const totp = await findActiveTotp(userId);
  const secret = totp && unseal(TOTP_SEAL_PURPOSE, totp.secretSealed);
  if (!totp || !secret) return "wrong";
  const step = matchTotpStep(secret, code, now);
  if (step === null) return "wrong";
  return (await takeTotpStep(totp.factorId, step)) ? "ok" : "used";
}
