import "server-only";
import { MAX_SENDS } from "@/lib/challenge/policy";
import type { Challenge, ChallengeStore } from "@/lib/store/types";
import type { Channel } from "./destination";
import { idOf, limitSend } from "./guard";
import { getLimiter } from "./index";
import * as policy from "./policy";
import { readSendPass } from "./send-pass";

// The limits that start from an existing challenge (read from the cookie's id): resends and calls,
// and the account lockout a challenge's death feeds.

const LOCKOUT = {
  after: policy.LOCKOUT_AFTER_FAILED_CHALLENGES,
  ladderSeconds: policy.LOCKOUT_LADDER_SECONDS,
  memorySeconds: policy.FAILURE_MEMORY_SECONDS,
};

/** Whose account a challenge is: the user for a login, the email being signed up otherwise. */
export function accountOf(c: Pick<Challenge, "userId" | "pending">): string {
  if (c.userId) return `user:${c.userId}`;
  return `email:${(JSON.parse(c.pending ?? "{}") as { email?: string }).email}`;
}

/**
 * A resend or call. With the challenge's send pass (cookie) the limits are checked in one round
 * trip, and a send the challenge then refuses (cooldown, cap) has still counted: erring towards
 * fewer messages. Without a pass, the challenge is read first and such a send counts nothing.
 */
export async function limitResend(
  request: Request,
  store: ChallengeStore,
  id: string,
  channel: Channel,
) {
  const pass = await readSendPass(id);
  if (pass) return limitSend(request, { ...pass, channel });
  const c = await store.getChallenge(id);
  if (!c || c.status !== "pending" || c.sends >= MAX_SENDS) return null;
  return limitSend(request, { phone: c.phone, account: accountOf(c), channel });
}

/**
 * After a verify answered "too many attempts": the challenge died, which counts once towards the
 * account's lockout ladder. Two round trips, only on this path (read, then one script).
 */
export async function recordFailedChallenge(store: ChallengeStore, id: string) {
  const c = await store.getChallenge(id);
  if (!c) return null;
  const account = idOf("account", accountOf(c));
  return getLimiter().recordFailure(account, id, LOCKOUT, Date.now());
}
