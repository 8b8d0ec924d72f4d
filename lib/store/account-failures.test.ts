import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FAILURE_POLICY } from "@/lib/challenge/verify";
import { describeForEachStore } from "@/test/support/redis";
import { createEmbeddedStore } from "./embedded";
import type {
  ChallengeStore,
  FailurePolicy,
  IssueRequest,
  NewChallenge,
  VerifyResult,
} from "./types";

// Wrong codes count per account, in a row, across every challenge and resend of that account
// (the part of a challenge id after its dot): the 10th locks codes for a minute, each further
// one for the next step of the ladder, the 100th disables them; a right code resets the count.
// `now` is the caller's clock; codes here stay valid for a day so only the account's state decides.

const T0 = 1_700_000_000_000;
const DAY_MS = 86_400_000;
const RIGHT = "right-hash";

const issue = (now: number, codeHash = RIGHT): IssueRequest => ({
  codeHash,
  codeExpiresAt: T0 + 30 * DAY_MS,
  maxSends: 5,
  now,
  channel: "sms",
  cooldownMs: 0,
  delivery: "sent",
});

const challengeOf = (account: string): NewChallenge => ({
  id: `${randomUUID()}.${account}`,
  purpose: "login",
  userId: "user-1",
  pendingEmail: null,
  pendingPasswordHash: null,
  phone: "+14155550100",
  createdAt: T0,
});

/** One account's challenges on a store, started and guessed at the caller's `now`. */
function accountOn(store: ChallengeStore, policy: FailurePolicy) {
  const account = randomUUID();
  return {
    account,
    async start(now: number) {
      const c = challengeOf(account);
      const r = await store.startChallenge(c, 30 * 86_400, issue(now));
      expect(r).toMatchObject({ ok: true });
      return c.id;
    },
    wrong: (id: string, now: number) =>
      store.verifyCode(id, "wrong-hash", now, policy),
    right: (id: string, now: number) =>
      store.verifyCode(id, RIGHT, now, policy),
  };
}

/** What matters of a verify here: its reason, the lock it reports, whether it counted. */
const gist = (r: VerifyResult) =>
  r.ok
    ? "ok"
    : `${r.reason}${r.retryAfterSeconds ? ` ${r.retryAfterSeconds}s` : ""}${r.counted ? "" : " (not counted)"}`;

/**
 * Guesses wrong `count` times in a row, on as many challenges as the attempt cap needs, waiting
 * out each lock (by moving `now`). Returns each guess's gist and the clock after the last one.
 */
async function guessWrong(
  a: ReturnType<typeof accountOn>,
  policy: FailurePolicy,
  count: number,
  from = T0,
) {
  let now = from;
  let id = "";
  const gists: string[] = [];
  for (let n = 0; n < count; n++) {
    if (n % policy.maxAttempts === 0) id = await a.start(now);
    const r = await a.wrong(id, now);
    gists.push(gist(r));
    if (!r.ok && r.retryAfterSeconds) now += r.retryAfterSeconds * 1000;
  }
  return { gists, now };
}

describeForEachStore("Wrong codes counted per account", (h) => {
  it("locks on the 10th wrong code across three challenges and a resend, for a minute, then five", async () => {
    const a = accountOn(h.store, FAILURE_POLICY);
    const first = await a.start(T0);
    const second = await a.start(T0);
    for (let i = 0; i < 4; i++) {
      expect(gist(await a.wrong(first, T0))).toBe("wrong");
      expect(gist(await a.wrong(second, T0))).toBe("wrong");
    }
    const third = await a.start(T0);
    const untouched = await a.start(T0); // started before the lock, never guessed
    expect(gist(await a.wrong(third, T0))).toBe("wrong");
    expect(await h.store.issueCode(third, issue(T0, "resent"))).toMatchObject({
      ok: true,
      challenge: { sends: 2, attempts: 1 },
    });
    expect(await a.wrong(third, T0)).toEqual({
      ok: false,
      reason: "wrong",
      attemptsLeft: 3,
      userId: "user-1",
      retryAfterSeconds: 60,
      counted: true,
    });

    // During the lock: even the right code of another challenge is refused, and counts nothing.
    const during = T0 + 1_000;
    expect(await a.right(untouched, during)).toEqual({
      ok: false,
      reason: "account-locked",
      attemptsLeft: 5,
      userId: "user-1",
      retryAfterSeconds: 59,
      counted: false,
    });
    expect(gist(await a.wrong(third, during))).toBe(
      "account-locked 59s (not counted)",
    );
    expect(await h.store.issueCode(untouched, issue(during))).toEqual({
      ok: false,
      reason: "account-locked",
      retryAfterSeconds: 59,
    });
    const fresh = challengeOf(a.account);
    expect(await h.store.startChallenge(fresh, 900, issue(during))).toEqual({
      ok: false,
      reason: "account-locked",
      retryAfterSeconds: 59,
    });
    expect(await h.store.getChallenge(fresh.id)).toBeNull();
    expect((await h.store.getChallenge(third))?.attempts).toBe(2);

    // Another account is not affected.
    const other = accountOn(h.store, FAILURE_POLICY);
    expect(gist(await other.right(await other.start(during), during))).toBe(
      "ok",
    );

    // Once the minute is over, the 11th wrong code locks for five minutes.
    const after = T0 + 60_000;
    expect(gist(await a.wrong(untouched, after))).toBe("wrong 300s");
    expect(gist(await a.right(untouched, after + 299_000))).toBe(
      "account-locked 1s (not counted)",
    );
    expect(gist(await a.right(untouched, after + 300_000))).toBe("ok");
  });

  it("climbs the lock ladder with each further wrong code, then disables the account", async () => {
    const policy: FailurePolicy = {
      maxAttempts: 3,
      lockAfter: 3,
      ladderSeconds: [10, 20, 40],
      disableAfter: 8,
      memorySeconds: 3600,
    };
    const a = accountOn(h.store, policy);
    const spare = await a.start(T0); // a live challenge with the right code, never guessed
    const { gists, now } = await guessWrong(a, policy, 8);
    expect(gists).toEqual([
      "wrong",
      "wrong",
      "locked 10s",
      "wrong 20s",
      "wrong 40s",
      "locked 40s",
      "wrong 40s",
      "account-disabled",
    ]);
    const later = now + DAY_MS;
    expect(await a.right(spare, later)).toEqual({
      ok: false,
      reason: "account-disabled",
      attemptsLeft: 3,
      userId: "user-1",
      counted: false,
    });
    expect(await h.store.issueCode(spare, issue(later))).toEqual({
      ok: false,
      reason: "account-disabled",
    });
    const fresh = challengeOf(a.account);
    expect(await h.store.startChallenge(fresh, 900, issue(later))).toEqual({
      ok: false,
      reason: "account-disabled",
    });
    expect(await h.store.getChallenge(fresh.id)).toBeNull();
  });

  it("lets a recovery code or a passkey, never a guessable factor, settle a switched-off account and switch it back on", async () => {
    const policy: FailurePolicy = {
      maxAttempts: 5,
      lockAfter: 5,
      ladderSeconds: [10],
      disableAfter: 2,
      memorySeconds: 3600,
    };
    const a = accountOn(h.store, policy);
    const id = await a.start(T0);
    await a.wrong(id, T0);
    expect(gist(await a.wrong(id, T0))).toBe("account-disabled");
    // Codes stay refused, and a new challenge gets no code, but one may open without a code.
    const coded = challengeOf(a.account);
    expect(await h.store.startChallenge(coded, 900, issue(T0))).toMatchObject({
      ok: false,
      reason: "account-disabled",
    });
    const open = challengeOf(a.account);
    expect(await h.store.startChallenge(open, 900, null)).toMatchObject({
      ok: true,
    });
    for (const guessable of ["totp", "phone"] as const)
      expect(
        await h.store.recordFactorResult(open.id, guessable, T0, policy),
      ).toMatchObject({ ok: false, reason: "account-disabled" });
    expect(
      await h.store.recordFactorResult(open.id, null, T0, policy),
    ).toMatchObject({ ok: false, reason: "account-disabled", counted: false });
    expect(
      await h.store.recordFactorResult(open.id, "recovery", T0, policy),
    ).toMatchObject({ ok: true });
    // Switched back on: codes go out again.
    const after = challengeOf(a.account);
    expect(await h.store.startChallenge(after, 900, issue(T0))).toMatchObject({
      ok: true,
    });
  });

  it("reports a pause and a switch-off as they stand, and lifts either so codes work again", async () => {
    const policy: FailurePolicy = {
      maxAttempts: 5,
      lockAfter: 2,
      ladderSeconds: [60],
      disableAfter: 4,
      memorySeconds: 3600,
    };
    const a = accountOn(h.store, policy);
    expect(await h.store.accountBar(a.account, T0)).toBeNull();
    const id = await a.start(T0);
    await a.wrong(id, T0);
    expect(gist(await a.wrong(id, T0))).toBe("wrong 60s");
    expect(await h.store.accountBar(a.account, T0 + 1000)).toEqual({
      reason: "account-locked",
      waitMs: 59_000,
    });
    await h.store.liftAccountBar(a.account);
    expect(await h.store.accountBar(a.account, T0 + 1000)).toBeNull();
    expect(gist(await a.right(id, T0 + 1000))).toBe("ok");

    const next = await a.start(T0);
    const { now } = await guessWrong(a, policy, 4);
    expect(await h.store.accountBar(a.account, now)).toEqual({
      reason: "account-disabled",
      waitMs: 0,
    });
    await h.store.liftAccountBar(a.account);
    expect(await h.store.accountBar(a.account, now)).toBeNull();
    expect(gist(await a.right(next, now))).not.toMatch(/^account-/);
  });

  it("keeps an account disabled after its failures would have been forgotten", async () => {
    const policy: FailurePolicy = {
      maxAttempts: 5,
      lockAfter: 5,
      ladderSeconds: [10],
      disableAfter: 2,
      memorySeconds: 1,
    };
    const a = accountOn(h.store, policy);
    const id = await a.start(T0);
    expect(gist(await a.wrong(id, T0))).toBe("wrong");
    expect(gist(await a.wrong(id, T0))).toBe("account-disabled");
    await h.elapse(1.2);
    expect(gist(await a.right(id, T0))).toBe("account-disabled (not counted)");
  });

  it("forgets failures in a row after the memory window without another", async () => {
    const policy: FailurePolicy = {
      maxAttempts: 10,
      lockAfter: 2,
      ladderSeconds: [10],
      disableAfter: 50,
      memorySeconds: 1,
    };
    const a = accountOn(h.store, policy);
    const id = await a.start(T0);
    expect(gist(await a.wrong(id, T0))).toBe("wrong");
    await h.elapse(1.2);
    expect(gist(await a.wrong(id, T0))).toBe("wrong");
    expect(gist(await a.wrong(id, T0))).toBe("wrong 10s");
  });

  it("resets the count on a right code, and with it the ladder", async () => {
    const a = accountOn(h.store, FAILURE_POLICY);
    const { gists } = await guessWrong(a, FAILURE_POLICY, 9);
    expect(gists.filter((g) => /\d+s/.test(g))).toEqual([]);
    expect(gist(await a.right(await a.start(T0), T0))).toBe("ok");
    const again = await guessWrong(a, FAILURE_POLICY, 11);
    expect(again.gists.slice(8)).toEqual(["wrong", "locked 60s", "wrong 300s"]);
    expect(gist(await a.right(await a.start(again.now), again.now))).toBe("ok");
    const third = await guessWrong(a, FAILURE_POLICY, 10, again.now);
    expect(third.gists.at(-1)).toBe("locked 60s");
  });

  it("counts nothing for guesses the challenge or the lock refuses", async () => {
    const a = accountOn(h.store, FAILURE_POLICY);
    const spent = await a.start(T0);
    for (let i = 0; i < 5; i++) await a.wrong(spent, T0);
    for (let i = 0; i < 10; i++)
      expect(gist(await a.wrong(spent, T0))).toBe("locked (not counted)");
    const next = await a.start(T0);
    for (let i = 0; i < 4; i++)
      expect(gist(await a.wrong(next, T0))).toBe("wrong");
    expect(gist(await a.wrong(next, T0))).toBe("locked 60s");
  });

  it("counts concurrent wrong codes of one account exactly, locking on the 10th", async () => {
    const a = accountOn(h.store, FAILURE_POLICY);
    const ids = [await a.start(T0), await a.start(T0), await a.start(T0)];
    const results = await Promise.all(
      ids.flatMap((id) => Array.from({ length: 4 }, () => a.wrong(id, T0))),
    );
    const gists = results.map(gist).sort();
    expect(gists).toEqual([
      ...Array<string>(2).fill("account-locked 60s (not counted)"),
      ...Array<string>(9).fill("wrong"),
      "wrong 60s",
    ]);
  });
});

describe("the real failure policy, through the embedded store", () => {
  it("locks from the 10th wrong code in a row for 1, 5, 15, then 60 minutes, and disables on the 100th", async () => {
    const a = accountOn(createEmbeddedStore(), FAILURE_POLICY);
    const { gists } = await guessWrong(a, FAILURE_POLICY, 100);
    const locks = gists.map((g) => Number(g.match(/(\d+)s$/)?.[1] ?? 0));
    expect(locks.slice(0, 9)).toEqual(Array(9).fill(0));
    expect(locks.slice(9, 13)).toEqual([60, 300, 900, 3600]);
    expect(locks.slice(13, 99)).toEqual(Array(86).fill(3600));
    expect(gists.slice(0, 99).every((g) => /^(wrong|locked)/.test(g))).toBe(
      true,
    );
    expect(gists[99]).toBe("account-disabled");
    expect(FAILURE_POLICY).toMatchObject({
      lockAfter: 10,
      ladderSeconds: [60, 300, 900, 3600],
      disableAfter: 100,
    });
  });
});
