import "server-only";
import { recordEvent } from "@/lib/audit";
import { refuse, type Outcome } from "@/lib/errors";
import { isFreshSecondFactor } from "@/lib/factors/policy";
import { replaceRecoveryCodes } from "@/lib/factors/records";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from "@/lib/factors/recovery-codes";
import type { RequestMeta } from "@/lib/http/request-meta";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount, type NoticeDeps } from "@/lib/notices/notify";

/**
 * "Generate recovery codes": a new set, shown this once and stored only as keyed hashes; any
 * earlier set stops working in the same transaction. The codes stand in for every other factor,
 * so only a second factor passed in the last 10 minutes may take them.
 */
export async function generateRecoveryCodeSet(
  notices: NoticeDeps,
  userId: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
  now = Date.now(),
): Promise<Outcome<{ codes: string[] }>> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const codes = generateRecoveryCodes();
  const hashes = codes.map((c) =>
    hashRecoveryCode(userId, normalizeRecoveryCode(c)!),
  );
  const { replaced } = await replaceRecoveryCodes(userId, hashes);
  await recordEvent({
    type: "factor_added",
    userId,
    ...meta,
    detail: { factor: "recovery_codes", replaced },
  });
  await notifyAccount(notices, userId, NOTICES.recoveryCodesMade());
  return { ok: true, codes };
}
