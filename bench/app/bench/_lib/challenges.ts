import { hashCode } from "@/lib/challenge/code";
import { newChallengeId } from "@/lib/challenge/id";
import {
  CHALLENGE_TTL_SECONDS,
  CODE_TTL_SECONDS,
  MAX_SENDS,
} from "@/lib/challenge/policy";
import { phoneFacts } from "@/lib/phone";
import type { ChallengeStore } from "@/lib/store/types";

// Login challenges as the password step leaves them, written through the app's own store client, so
// send and verify are measured without an argon2 hash in front of every request. With a `code`,
// that code is already issued (the harness chose it). The harness writes Upstash's directly (the
// server's memory stays the server's); the in-process store only the server itself can fill, through
// the bench build's /api/bench/challenges.

export interface Owner {
  userId: string;
  phone: string;
}

export async function writeChallenges(
  store: ChallengeStore,
  owners: Owner[],
  count: number,
  code: string | null,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const now = Date.now();
      const { userId, phone } = owners[i % owners.length]!;
      // Each challenge counts wrong codes toward an account of its own: the wrong-code scenario's
      // four per challenge would otherwise add up to the account's pause at ten in a row.
      const id = newChallengeId("login", `user:${userId}:bench-${i}`);
      const codeHash = hashCode(id, code ?? "000000");
      const pending = { pendingEmail: null, pendingPasswordHash: null };
      const challenge = {
        id,
        purpose: "login" as const,
        userId,
        phone,
        phoneFacts: phoneFacts(phone),
      };
      const started = await store.startChallenge(
        { ...challenge, ...pending, createdAt: now },
        CHALLENGE_TTL_SECONDS,
        {
          codeHash,
          codeExpiresAt: now + CODE_TTL_SECONDS * 1000,
          now,
          maxSends: MAX_SENDS,
          channel: "sms",
          cooldownMs: 0,
          delivery: "sent",
        },
      );
      if (!started.ok)
        throw new Error(`seeding a challenge: ${started.reason}`);
      // Without a code: back to the fresh state, no code and every send still to spend.
      if (!code)
        await store.restoreIssue(id, codeHash, started.previous, "none");
      ids[i] = id;
    }
  };
  // A few writes in flight at once, as concurrent password steps would make them.
  await Promise.all(Array.from({ length: 32 }, worker));
  return ids;
}
