import "server-only";
import { randomToken } from "@/lib/keys";
import type { ChallengePurpose, ChallengeStore } from "@/lib/store/types";
import { CHALLENGE_TTL_SECONDS } from "./policy";

export interface ChallengeInput {
  purpose: ChallengePurpose;
  phone: string;
  userId?: string;
  /** Signup only: the account to create once the phone is proven. */
  pending?: { email: string; passwordHash: string };
}

/** Starts a second-factor step; the returned id goes only into this browser's httpOnly cookie. */
export async function createChallenge(
  store: ChallengeStore,
  input: ChallengeInput,
  now = Date.now(),
) {
  const id = randomToken();
  await store.createChallenge(
    {
      id,
      purpose: input.purpose,
      phone: input.phone,
      userId: input.userId ?? null,
      pending: input.pending ? JSON.stringify(input.pending) : null,
      createdAt: now,
    },
    CHALLENGE_TTL_SECONDS,
  );
  return id;
}
