import { createExpiringMap } from "./expiring-map";
import {
  readFailureHash,
  type AccountBar,
  type FailureKind,
  type FailurePolicy,
} from "./types";

// Each account's wrong answers, for the embedded store: the same hash and the same steps as the
// Upstash store's scripts (lib/store/scripts.ts BAR and settle), so both keep one contract.
// Methods never await, so each is atomic.

type Hash = Record<string, number>;

export function createAccountFailures(clock: () => number) {
  const accounts = createExpiringMap<Hash>(clock);
  /** c: codes in a row, u: paused until; r: and ru: the same for recovery codes. */
  const field = (kind: FailureKind, paused: boolean, client: string) =>
    (kind === "recovery" ? (paused ? "ru:" : "r:") : paused ? "u:" : "c:") +
    client;
  return {
    /** What bars an attempt of `kind` from `client` at `now`, and for how long. */
    bar(
      account: string,
      client: string,
      kind: FailureKind,
      now: number,
    ): { reason: AccountBar; waitMs: number } | null {
      if (kind === "passkey" || kind === "device") return null;
      const a = accounts.get(account);
      if (!a) return null;
      if (kind === "code" && a.disabled === 1)
        return { reason: "account-disabled", waitMs: 0 };
      const until = a[field(kind, true, client)] ?? 0;
      if (until > now) return { reason: "account-locked", waitMs: until - now };
      return null;
    },
    /** A right answer from `client`: the account's counts in a row and this client's own start again. */
    clear(account: string, client: string, p: FailurePolicy): void {
      const a = accounts.get(account);
      if (!a) return;
      for (const f of ["failures", "recoveryFailures", "disabled"]) delete a[f];
      for (const kind of ["code", "recovery"] as const)
        for (const paused of [false, true])
          delete a[field(kind, paused, client)];
      if (Object.keys(a).length)
        accounts.set(account, a, p.memorySeconds * 1000);
      else accounts.delete(account);
    },
    /** A wrong answer: counted by kind on this client and the account (see the settle script). */
    fail(
      account: string,
      client: string,
      kind: FailureKind,
      now: number,
      p: FailurePolicy,
    ) {
      if (kind === "passkey" || kind === "device")
        return { disabled: false, lockMs: 0 };
      const a = accounts.get(account) ?? {};
      const recovery = kind === "recovery";
      const mine = field(kind, false, client);
      a[mine] = (a[mine] ?? 0) + 1;
      const total = recovery ? "recoveryFailures" : "failures";
      a[total] = (a[total] ?? 0) + 1;
      const switchedOff = !recovery && a[total] === p.disableAfter;
      if (!recovery && a[total] >= p.disableAfter) a.disabled = 1;
      accounts.set(
        account,
        a,
        a.disabled === 1 ? Infinity : p.memorySeconds * 1000,
      );
      if (switchedOff) return { disabled: true, lockMs: 0 };
      const step = a[mine] - p.lockAfter;
      const ladder = p.ladderSeconds;
      const seconds =
        step < 0 ? 0 : (ladder[Math.min(step, ladder.length - 1)] ?? 0);
      if (seconds) a[field(kind, true, client)] = now + seconds * 1000;
      return { disabled: false, lockMs: seconds * 1000 };
    },
    read(account: string, now: number) {
      return readFailureHash(accounts.get(account) ?? {}, now);
    },
    delete(account: string): void {
      accounts.delete(account);
    },
  };
}
