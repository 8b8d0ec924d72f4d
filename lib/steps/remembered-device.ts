import "server-only";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { newChallengeId } from "@/lib/challenge/id";
import { acceptsPurpose } from "@/lib/challenge/purposes";
import type { StepContext } from "@/lib/context";
import { settleFactor } from "@/lib/challenge/verify";
import { rememberDevice } from "@/lib/devices/records";
import { refuse, type Outcome } from "@/lib/errors";
import { failureClient } from "./factor-outcome";

export type DeviceStep = Outcome<{ challengeId: string }>;

/**
 * The password step on a remembered device: a challenge that accepts only "device", completed at
 * once in the store's atomic settle, so next-auth redeems it exactly as one completed by a code.
 * Nothing is sent. A browser the account already knows keeps its own way in: no client's pause
 * and no switch-off of the account's codes bars it, and its success starts the count again.
 */
export function completeWithDevice(
  ctx: Pick<StepContext, "store" | "now"> &
    Partial<Pick<StepContext, "request">>,
  start: CompletedStart,
): Promise<DeviceStep> {
  return completeWithFactor(ctx, "device", start);
}

interface CompletedStart {
  account: string;
  userId: string;
  phone: string;
  openedAt?: number;
}

/**
 * A sign-in's challenge that accepts only `factor`, already checked by the caller (a remembered
 * device, or a passkey alone), completed at once by the store's atomic settle.
 */
export async function completeWithFactor(
  ctx: Pick<StepContext, "store" | "now"> &
    Partial<Pick<StepContext, "request">>,
  factor: "device" | "passkey",
  start: CompletedStart,
): Promise<DeviceStep> {
  const now = ctx.now();
  // A passkey alone is a sign-in of its own kind (no password step): its purpose says so.
  const purpose = factor === "passkey" ? "passkey" : "login";
  const id = newChallengeId(purpose, start.account);
  const opened = await ctx.store.startChallenge(
    {
      id,
      purpose,
      userId: start.userId,
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: start.phone,
      createdAt: start.openedAt ?? now, // see CodeStepStart's openedAt
      factors: [factor],
    },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  if (!opened.ok) {
    const barred = opened.reason === "account-disabled";
    return refuse(barred ? "ACCOUNT_DISABLED" : "ACCOUNT_LOCKED", {
      retryAfterSeconds: opened.retryAfterSeconds,
    });
  }
  const { request } = ctx;
  const settled = await settleFactor(ctx.store, id, factor, now, {
    client: request ? failureClient({ request }) : undefined,
  });
  if (settled.ok) return { ok: true, challengeId: id };
  await ctx.store.deleteChallenge(id);
  const { error, retryAfterSeconds } = settled;
  return refuse(error, { retryAfterSeconds });
}

/**
 * "Remember this device for 30 days", after the second factor passed on challenge `id`: a new
 * device token for the person it verified (a sign-up's new account too). Null when the challenge
 * is not verified, names no one or is not signing a browser in (a reset's, a phone change's), so
 * the box alone never remembers anything.
 */
export async function rememberVerifiedDevice(
  ctx: Pick<StepContext, "store" | "request" | "now">,
  id: string,
): Promise<string | null> {
  // The second factor already passed: failing to remember must not fail the sign-in.
  try {
    const challenge = await ctx.store.getChallenge(id);
    if (challenge?.status !== "verified" || !challenge.userId) return null;
    if (!acceptsPurpose("remember-device", challenge.purpose)) return null;
    const { token } = await rememberDevice(
      challenge.userId,
      ctx.request,
      ctx.now(),
    );
    return token;
  } catch (error) {
    console.error("remember device: %s", (error as Error).message);
    return null;
  }
}
