import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeForEachStore } from "@/test/support/redis";
import type { FailurePolicy, IssueRequest, NewChallenge } from "./types";

// A challenge that starts with no code (a stronger factor comes first), and the results of factors
// checked outside the store (an authenticator code, a recovery code): they complete the same
// challenge and share its attempt cap and the account's failures in a row with phone codes.

const T0 = 1_700_000_000_000;
/** Attempt cap 5; the account locks at its 3rd failure in a row, for a minute. */
const POLICY: FailurePolicy = {
  maxAttempts: 5,
  lockAfter: 3,
  ladderSeconds: [60],
  disableAfter: 1000,
  memorySeconds: 3600,
};

const text = (codeHash: string, now = T0): IssueRequest => ({
  codeHash,
  codeExpiresAt: now + 60_000,
  maxSends: 5,
  now,
  channel: "sms",
  cooldownMs: 30_000,
  delivery: "sent",
});

function newChallenge(account: string = randomUUID()): NewChallenge {
  return {
    id: `${randomUUID()}.${account}`,
    purpose: "login",
    userId: "user-1",
    pendingEmail: null,
    pendingPasswordHash: null,
    phone: "+14155550100",
    createdAt: T0,
    factors: ["totp", "phone", "recovery"],
  };
}

describeForEachStore("ChallengeStore factors", (h) => {
  async function opened(account?: string) {
    const c = newChallenge(account);
    const r = await h.store.startChallenge(c, 600, null);
    expect(r).toMatchObject({ ok: true, challenge: { sends: 0 } });
    return c;
  }

  it("starts a challenge with no code when asked, keeping its factor list", async () => {
    const c = await opened();
    expect(await h.store.getChallenge(c.id)).toMatchObject({
      factors: ["totp", "phone", "recovery"],
      codeHash: "",
      sends: 0,
      status: "pending",
      verifiedBy: null,
    });
    expect(await h.store.verifyCode(c.id, "", T0, POLICY)).toMatchObject({
      ok: false,
      reason: "no-code",
      counted: false,
    });
    // "Text me a code": the first text goes out at once, with no cooldown to wait for.
    const first = await h.store.issueCode(c.id, text("hash-1"));
    expect(first).toMatchObject({ ok: true, challenge: { sends: 1 } });
    expect(await h.store.verifyCode(c.id, "hash-1", T0, POLICY)).toMatchObject({
      ok: true,
      challenge: { verifiedBy: "phone" },
    });
  });

  it("verifies a challenge by a factor that passed, once, and lets it be redeemed", async () => {
    const c = await opened();
    const r = await h.store.recordFactorResult(c.id, "totp", T0, POLICY);
    expect(r).toMatchObject({
      ok: true,
      challenge: { status: "verified", verifiedBy: "totp" },
    });
    const again = await h.store.recordFactorResult(c.id, "totp", T0, POLICY);
    expect(again).toMatchObject({ ok: false, reason: "verified" });
    expect(again.ok || again.counted).toBe(false);
    expect(await h.store.redeemChallenge(c.id)).toMatchObject({
      verifiedBy: "totp",
    });
    expect(await h.store.redeemChallenge(c.id)).toBeNull();
  });

  it("counts a failed factor on the challenge's attempts, locking it at the cap", async () => {
    const c = await opened();
    for (let left = 4; left >= 1; left--)
      expect(
        await h.store.recordFactorResult(c.id, null, T0, {
          ...POLICY,
          lockAfter: 100,
        }),
      ).toMatchObject({ ok: false, reason: "wrong", attemptsLeft: left });
    const last = await h.store.recordFactorResult(c.id, null, T0, {
      ...POLICY,
      lockAfter: 100,
    });
    expect(last).toMatchObject({ reason: "locked", counted: true });
    // A locked challenge takes nothing more, not even a factor that passed.
    expect(
      await h.store.recordFactorResult(c.id, "recovery", T0, POLICY),
    ).toMatchObject({ ok: false, reason: "locked", counted: false });
  });

  it("shares a client's wrong codes in a row between the phone and the app, across challenges", async () => {
    const account = randomUUID();
    const a = await opened(account);
    await h.store.issueCode(a.id, text("right"));
    expect(await h.store.verifyCode(a.id, "wrong", T0, POLICY)).toMatchObject({
      counted: true,
    });
    const b = await opened(account);
    expect(
      await h.store.recordFactorResult(b.id, null, T0 + 1, POLICY),
    ).toMatchObject({ reason: "wrong", counted: true });
    // The third failure in a row, by an app code on a third challenge, pauses this client.
    const c = await opened(account);
    const third = await h.store.recordFactorResult(c.id, null, T0 + 2, POLICY);
    expect(third).toMatchObject({ counted: true, retryAfterSeconds: 60 });
    // While paused, neither a phone code nor a passing app code gets in, and nothing more counts.
    expect(
      await h.store.recordFactorResult(c.id, "totp", T0 + 3, POLICY),
    ).toMatchObject({ ok: false, reason: "account-locked", counted: false });
    expect(
      await h.store.verifyCode(a.id, "right", T0 + 3, POLICY),
    ).toMatchObject({ ok: false, reason: "account-locked" });
    // Nor is a code sent to it; a challenge with no code still opens (a passkey may settle it).
    expect(
      await h.store.startChallenge(
        { ...newChallenge(account), createdAt: T0 + 4 },
        600,
        text("other", T0 + 4),
      ),
    ).toMatchObject({ ok: false, reason: "account-locked" });
    expect(
      await h.store.startChallenge(
        { ...newChallenge(account), createdAt: T0 + 4 },
        600,
        null,
      ),
    ).toMatchObject({ ok: true });
    // Once the lock ends, a passing factor gets in and clears the count.
    const later = T0 + 61_000;
    expect(
      await h.store.recordFactorResult(c.id, "totp", later, POLICY),
    ).toMatchObject({ ok: true });
    const d = await opened(account);
    expect(
      await h.store.recordFactorResult(d.id, null, later, POLICY),
    ).toMatchObject({ reason: "wrong", retryAfterSeconds: undefined });
  });

  it("verifies a challenge exactly once when 20 passing results arrive together", async () => {
    const c = await opened();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.store.recordFactorResult(c.id, "recovery", T0, POLICY),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses a challenge that does not exist, counting nothing", async () => {
    const id = `${randomUUID()}.${randomUUID()}`;
    expect(await h.store.recordFactorResult(id, null, T0, POLICY)).toEqual({
      ok: false,
      reason: "missing",
      attemptsLeft: 0,
      userId: null,
      counted: false,
    });
  });
});
