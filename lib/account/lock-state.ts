import "server-only";
import { challengeAccountOf } from "@/lib/challenge/id";
import type { ChallengeStore } from "@/lib/store";

// The one place the console reads and lifts the lock its failures put on an account's sign-in
// (wrong second factors in a row: a pause, or past the last pause a switch-off), so a change in
// where that lock lives is a change of this file only.

export type LockState =
  { kind: "none" } | { kind: "paused"; until: Date } | { kind: "switched-off" };

/** The account's sign-in lock at `now`, from its wrong second factors. */
export async function readLockState(
  store: ChallengeStore,
  userId: string,
  now: number,
): Promise<LockState> {
  const bar = await store.accountBar(challengeAccountOf(`user:${userId}`), now);
  if (!bar) return { kind: "none" };
  if (bar.reason === "account-disabled") return { kind: "switched-off" };
  return { kind: "paused", until: new Date(now + bar.waitMs) };
}

/** Lifts the lock: the count of wrong answers in a row starts again. */
export async function liftLock(
  store: ChallengeStore,
  userId: string,
): Promise<void> {
  await store.liftAccountBar(challengeAccountOf(`user:${userId}`));
}
