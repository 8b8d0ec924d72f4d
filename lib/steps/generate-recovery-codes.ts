import "server-only";
import { recordEvent } from "@/lib/audit";
import type { Outcome } from "@/lib/errors";
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
 * earlier set stops working in the same transaction.
 */
export async function generateRecoveryCodeSet(
  notices: NoticeDeps,
  userId: string,
  meta: RequestMeta,
): Promise<Outcome<{ codes: string[] }>> {
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
