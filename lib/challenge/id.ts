import "server-only";
import { keyedHash, randomToken } from "@/lib/keys";
import type { ChallengePurpose } from "@/lib/store/types";

/**
 * A new challenge id: its purpose (which steps take it: ./purposes.ts), 256 random bits, then a
 * keyed hash of whose account it counts failures toward ("user:<id>" for a sign-in; for a sign-up
 * "signup:<random>", its own), so the store never sees the account in the clear and one round trip
 * reaches both the challenge and the account's state.
 */
export function newChallengeId(
  purpose: ChallengePurpose,
  account: string,
): string {
  return `${purpose}-${randomToken()}.${challengeAccountOf(account)}`;
}

/** The part of a challenge id after its dot, for an account ("user:<id>"): see challengeAccount. */
export function challengeAccountOf(account: string): string {
  return keyedHash("challenge-account", account);
}
