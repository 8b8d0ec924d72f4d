import "server-only";
import { keyedHash, randomToken } from "@/lib/keys";

/**
 * A new challenge id: 256 random bits, then a keyed hash of whose account it counts failures
 * toward ("user:<id>" for a sign-in, "email:<address>" for a sign-up), so the store never sees
 * the account in the clear and one round trip reaches both the challenge and the account's state.
 */
export function newChallengeId(account: string): string {
  return `${randomToken()}.${keyedHash("challenge-account", account)}`;
}
