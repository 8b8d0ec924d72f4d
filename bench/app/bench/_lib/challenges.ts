import { randomBytes } from "node:crypto";
import { hashCode } from "@/lib/challenge/code";
import {
  CHALLENGE_TTL_SECONDS,
  CODE_TTL_SECONDS,
  MAX_SENDS,
} from "@/lib/challenge/policy";
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
      const id = randomBytes(24).toString("base64url");
      const now = Date.now();
      const { userId, phone } = owners[i % owners.length]!;
      await store.createChallenge(
        { id, purpose: "login", userId, phone, pending: null, createdAt: now },
        CHALLENGE_TTL_SECONDS,
      );
      if (code)
        await store.issueCode(id, {
          codeHash: hashCode(id, code),
          codeExpiresAt: now + CODE_TTL_SECONDS * 1000,
          now,
          maxSends: MAX_SENDS,
          channel: "sms",
          cooldownMs: 0,
          delivery: "sent",
        });
      ids[i] = id;
    }
  };
  // A few writes in flight at once, as concurrent password steps would make them.
  await Promise.all(Array.from({ length: 32 }, worker));
  return ids;
}
