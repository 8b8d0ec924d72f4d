import "server-only";
import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { StepContext } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { refuse, type Refusal } from "@/lib/errors";
import { keyedHash } from "@/lib/keys";

// Proof of work before a text to a number still being proven (a sign-up, a change of phone): the
// browser spends a moment of CPU on an ALTCHA challenge (self-hosted: altcha-lib makes and checks
// it here, no vendor is asked), so a pumping script pays real CPU for every number it has texted.
// A challenge is signed with a key derived from the app's secret, names the step it is for and
// when it ends, and is accepted once: its signature is claimed in the challenge store until then.

/** The steps a proof is asked for; a proof made for one is refused by the other. */
export type ProofPurpose = "signup" | "phone-change";
export const PROOF_PURPOSES: readonly ProofPurpose[] = [
  "signup",
  "phone-change",
];

/** PBKDF2-HMAC-SHA-256, which browsers run natively (WebCrypto) and GPUs gain little on per call. */
const ALGORITHM = "PBKDF2/SHA-256";
/** Iterations per attempt. */
const COST = 1_000;
/** The counter the browser must find lies in this range: on average 2,500 attempts, about 2.5
 * million PBKDF2 iterations, which a laptop's browser runs in about a second while the person is
 * typing, and which costs a script as much CPU per number it wants texted. */
const COUNTER_MIN = 1_000;
const COUNTER_MAX = 4_000;
/** Long enough to fill in the form; a proof is also spent by its first use. */
export const PROOF_TTL_SECONDS = 10 * 60;

const secrets = () => ({
  hmacSignatureSecret: keyedHash("proof-of-work", "challenge"),
  hmacKeySignatureSecret: keyedHash("proof-of-work", "derived-key"),
});

export const proofOfWorkOn = () => getEnv().proofOfWork;

/** A new challenge for `purpose`, signed; null when proof of work is off (PROOF_OF_WORK=off). */
export async function createProofChallenge(purpose: ProofPurpose, now: number) {
  if (!proofOfWorkOn()) return null;
  return createChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    counter: randomInt(COUNTER_MIN, COUNTER_MAX),
    deriveKey,
    data: { purpose },
    expiresAt: Math.floor(now / 1000) + PROOF_TTL_SECONDS,
    ...secrets(),
  });
}

interface Payload {
  challenge: {
    parameters: Parameters<typeof verifySolution>[0]["challenge"]["parameters"];
    signature?: string;
  };
  solution: Parameters<typeof verifySolution>[0]["solution"];
}

/** The browser sends {challenge, solution} as base64 JSON, as the ALTCHA widget does. */
function readPayload(proof: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(proof, "base64").toString("utf8"));
    if (
      typeof value?.challenge?.parameters === "object" &&
      typeof value?.challenge?.signature === "string" &&
      typeof value?.solution === "object" &&
      value.solution !== null
    )
      return value as Payload;
  } catch {
    // Not a payload at all: refused below like a forged one.
  }
  return null;
}

/**
 * Whether `proof` solves a challenge this server made for `purpose`, unexpired and never used
 * before; it is spent by this check. Null when it passes (or proof of work is off).
 */
export async function checkProofOfWork(
  ctx: Pick<StepContext, "store" | "now">,
  proof: string | undefined,
  purpose: ProofPurpose,
): Promise<Refusal | null> {
  if (!proofOfWorkOn()) return null;
  const payload = proof ? readPayload(proof) : null;
  if (!payload) return refuse("PROOF_OF_WORK_FAILED");
  const { parameters, signature } = payload.challenge;
  const expiresAt = Number(parameters.expiresAt);
  if (!(expiresAt * 1000 > ctx.now()) || parameters.data?.purpose !== purpose)
    return refuse("PROOF_OF_WORK_FAILED");
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      ...secrets(),
    });
    if (!result.verified) return refuse("PROOF_OF_WORK_FAILED");
  } catch {
    return refuse("PROOF_OF_WORK_FAILED");
  }
  // Single use: the signature names the challenge; kept as long as the challenge could be used.
  const ttl = Math.max(1, expiresAt - Math.floor(ctx.now() / 1000));
  if (!(await ctx.store.claimOnce(`pow:${signature}`, ttl)))
    return refuse("PROOF_OF_WORK_FAILED");
  return null;
}
