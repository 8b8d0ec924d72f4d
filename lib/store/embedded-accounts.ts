import { createExpiringMap } from "./expiring-map";
import type { AccountBar, FailurePolicy } from "./types";

// Each account's wrong answers in a row, for the embedded store: the same ladder as the Upstash
// store's scripts (lib/store/scripts.ts). Methods never await, so each is atomic.

interface AccountState {
  failures: number;
  lockedUntil: number;
  disabled: boolean;
}

export function createAccountFailures(clock: () => number) {
  const accounts = createExpiringMap<AccountState>(clock);
  return {
    /** Whether the account is switched off, or paused (and for how long), at `now`. */
    bar(
      account: string,
      now: number,
    ): { reason: AccountBar; waitMs: number } | null {
      const a = accounts.get(account);
      if (a?.disabled) return { reason: "account-disabled", waitMs: 0 };
      if (a && a.lockedUntil > now)
        return { reason: "account-locked", waitMs: a.lockedUntil - now };
      return null;
    },
    /** A right answer: the count in a row starts again (and a switched-off account is back on). */
    clear(account: string): void {
      accounts.delete(account);
    },
    /** A wrong answer: counts it, then pauses the account by the ladder or switches it off. */
    fail(account: string, now: number, p: FailurePolicy) {
      const a = accounts.get(account) ?? {
        failures: 0,
        lockedUntil: 0,
        disabled: false,
      };
      a.failures++;
      if (a.failures >= p.disableAfter) {
        accounts.set(account, { ...a, disabled: true }, Infinity);
        return { disabled: true, lockMs: 0 };
      }
      const step = a.failures - p.lockAfter;
      const ladder = p.ladderSeconds;
      const seconds =
        step < 0 ? 0 : (ladder[Math.min(step, ladder.length - 1)] ?? 0);
      if (seconds) a.lockedUntil = now + seconds * 1000;
      accounts.set(account, a, p.memorySeconds * 1000);
      return { disabled: false, lockMs: seconds * 1000 };
    },
  };
}
