import "server-only";
import type { StepContext } from "@/lib/context";
import type { Outcome } from "@/lib/errors";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkProofChallenges } from "@/lib/limits/decide";
import {
  createProofChallenge,
  proofOfWorkOn,
  type ProofPurpose,
} from "@/lib/proof-of-work";

/**
 * A proof-of-work challenge for the sign-up or phone-change form. Making one costs the server a
 * PBKDF2, so each client address may ask for a bounded number an hour; with proof of work off
 * (PROOF_OF_WORK=off) there is nothing to make, count or solve: `challenge` is null.
 */
export async function askProofChallenge(
  ctx: StepContext,
  purpose: ProofPurpose,
): Promise<
  Outcome<{ challenge: Awaited<ReturnType<typeof createProofChallenge>> }>
> {
  if (!proofOfWorkOn()) return { ok: true, challenge: null };
  const limited = await checkProofChallenges(addressBucket(ctx.request.ip));
  if (limited) return limited;
  return {
    ok: true,
    challenge: await createProofChallenge(purpose, ctx.now()),
  };
}
