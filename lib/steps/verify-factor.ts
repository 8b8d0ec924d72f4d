import "server-only";
import { recordEvent } from "@/lib/audit";
import type { SendDeps } from "@/lib/challenge/send";
import { settleFactor } from "@/lib/challenge/verify";
import { refuse, type ErrorCode, type Outcome } from "@/lib/errors";
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
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyLockout } from "@/lib/notices/lockout";
import { unseal } from "@/lib/keys";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount, type NoticeDeps } from "@/lib/notices/notify";
import type { Challenge } from "@/lib/store";
import { TOTP_SEAL_PURPOSE } from "./set-up-authenticator";

export type CheckedFactor = "totp" | "recovery";

const ENDED: Partial<Record<Challenge["status"], ErrorCode>> = {
  verified: "ALREADY_VERIFIED",
  locked: "TOO_MANY_ATTEMPTS",
};

/**
 * The second-factor step by an authenticator code or a recovery code. The code is checked and spent
 * in the database (one conditional UPDATE: a time step or a recovery code is accepted once per
 * account), then settled on the challenge in one atomic store round trip that completes it for
 * next-auth to redeem, or counts a wrong code on the challenge and on the account's failures in a
 * row, shared with phone codes. A code that was right but already spent counts nothing.
 */
export async function verifyFactorStep(
  deps: SendDeps & NoticeDeps,
  id: string,
  factor: CheckedFactor,
  input: string,
  meta: RequestMeta,
): Promise<Outcome<{ recoveryCodesLeft?: number }>> {
  const challenge = await deps.store.getChallenge(id);
  if (!challenge) return refuse("NO_CHALLENGE");
  const ended = ENDED[challenge.status];
  if (ended) return refuse(ended);
  // A sign-up's challenge accepts only its phone: there is no account yet to hold other factors.
  const { userId } = challenge;
  if (!userId || !challenge.factors.includes(factor))
    return refuse("FACTOR_NOT_AVAILABLE");

  let use: RecoveryUse;
  let spentCode: string | null = null;
  if (factor === "totp") {
    use = await spendTotpCode(userId, input, deps.now);
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
    deps.store,
    id,
    use === "ok" ? factor : null,
    deps.now,
  );
  if (!result.ok) {
    // The challenge refused a right recovery code (it locked meanwhile): the code stays usable.
    if (use === "ok" && spentCode) await restoreRecoveryCode(spentCode);
    if (result.counted) {
      const locked = result.retryAfterSeconds || result.error !== "WRONG_CODE";
      const detail = { factor, attemptsLeft: result.attemptsLeft ?? 0 };
      const type = locked ? "lockout" : "code_failed";
      await recordEvent({ type, userId, ...meta, detail });
      await notifyLockout(deps, userId, result);
    }
    const { error, attemptsLeft, retryAfterSeconds } = result;
    return refuse(error, { attemptsLeft, retryAfterSeconds });
  }
  if (factor === "totp") return { ok: true };
  const left = await countRecoveryCodesLeft(userId);
  await recordEvent({
    type: "recovery_code_used",
    userId,
    ...meta,
    detail: { left },
  });
  await notifyAccount(deps, userId, NOTICES.recoveryCodeUsed(left));
  return { ok: true, recoveryCodesLeft: left };
}

async function spendTotpCode(
  userId: string,
  code: string,
  now?: number,
): Promise<RecoveryUse> {
  const totp = await findActiveTotp(userId);
  const secret = totp && unseal(TOTP_SEAL_PURPOSE, totp.secretSealed);
  if (!totp || !secret) return "wrong";
  const step = matchTotpStep(secret, code, now);
  if (step === null) return "wrong";
  return (await takeTotpStep(totp.factorId, step)) ? "ok" : "used";
}
