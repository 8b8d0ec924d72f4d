import "server-only";
import type { AccountContext } from "@/lib/context";
import type { Outcome } from "@/lib/errors";
import { replaceRecoveryCodes } from "@/lib/factors/records";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from "@/lib/factors/recovery-codes";
import { applySecurityChange } from "@/lib/security-changes/apply";

/**
 * "Generate recovery codes": a new set, shown this once and stored only as keyed hashes; any
 * earlier set stops working in the same transaction. The codes stand in for every other factor,
 * so their route declares a second factor passed in the last 10 minutes.
 */
export async function generateRecoveryCodeSet(
  ctx: AccountContext,
): Promise<Outcome<{ codes: string[] }>> {
  const userId = ctx.user.id;
  const codes = generateRecoveryCodes();
  const hashes = codes.map((c) =>
    hashRecoveryCode(userId, normalizeRecoveryCode(c)!),
  );
  const { replaced } = await replaceRecoveryCodes(userId, hashes);
  await applySecurityChange(ctx, "recovery_codes_generated", {
    userId,
    detail: { factor: "recovery_codes", replaced },
  });
  return { ok: true, codes };
}
