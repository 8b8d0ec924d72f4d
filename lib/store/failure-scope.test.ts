import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeForEachStore } from "@/test/support/redis";
import type { FailurePolicy, IssueRequest, NewChallenge } from "./types";

// Whose wrong answers pause whom. A client's wrong phone or app codes pause that client; they also
// count, with every other client's, toward switching the account's guessable codes off (the
// account-wide bound on distributed guessing). A recovery code has its own count per client; a
// failed passkey counts on its challenge alone. Nothing a stranger's client does bars the owner's
// client, a passkey or a remembered browser.

const T0 = 1_700_000_000_000;
const POLICY: FailurePolicy = {
  maxAttempts: 5,
  lockAfter: 3,
  ladderSeconds: [60, 3600],
  disableAfter: 8,
  memorySeconds: 3600,
};
const STRANGER = { client: "stranger" };
const OWNER = { client: "owner" };

const text = (codeHash: string, now = T0): IssueRequest => ({
  codeHash,
  codeExpiresAt: now + 60_000,
  maxSends: 5,
  now,
  channel: "sms",
  cooldownMs: 0,
  delivery: "sent",
});

const challenge = (account: string): NewChallenge => ({
  id: `${randomUUID()}.${account}`,
  purpose: "login",
  userId: "user-1",
  pendingEmail: null,
  pendingPasswordHash: null,
  phone: "+14155550100",
  createdAt: T0,
  factors: ["passkey", "totp", "phone", "recovery"],
});

describeForEachStore("ChallengeStore failure scope", (h) => {
  async function opened(account: string) {
    const c = challenge(account);
    expect(await h.store.startChallenge(c, 600, null)).toMatchObject({
      ok: true,
    });
    return c.id;
  }
  /** `n` wrong answers by `tried` from `scope`, a fresh challenge every four. */
  async function fail(
    account: string,
    n: number,
    scope: { client: string; tried?: "totp" | "recovery" | "passkey" },
    now = T0,
  ) {
    const results = [];
    let id = "";
    for (let i = 0; i < n; i++) {
      if (i % 4 === 0) id = await opened(account);
      results.push(
        await h.store.recordFactorResult(id, null, now, POLICY, scope),
      );
    }
    return results;
  }

  it("pauses the client whose wrong codes earned it, never the owner's client", async () => {
    const account = randomUUID();
    const stranger = await fail(account, 4, STRANGER);
    expect(stranger.at(-2)).toMatchObject({ retryAfterSeconds: 60 });
    expect(stranger.at(-1)).toMatchObject({ reason: "account-locked" });
    // The stranger gets no code texted either…
    const blocked = await h.store.startChallenge(challenge(account), 600, {
      ...text("x", T0 + 1),
      ...STRANGER,
    });
    expect(blocked).toMatchObject({ ok: false, reason: "account-locked" });
    expect(blocked).toMatchObject({ retryAfterSeconds: 60 });
    // …while the owner's client gets one, and signs in with it.
    const mine = challenge(account);
    expect(
      await h.store.startChallenge(mine, 600, {
        ...text("right", T0 + 2),
        ...OWNER,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await h.store.verifyCode(mine.id, "right", T0 + 3, POLICY, OWNER),
    ).toMatchObject({ ok: true });
    // The owner's success starts the account's count again, not the stranger's pause.
    const state = await h.store.readAccountFailures(account, T0 + 4);
    expect(state).toMatchObject({ codeFailures: 0, codesOff: false });
    expect(state.pausedClients).toEqual([
      { client: "stranger", until: T0 + 60_000, kind: "code" },
    ]);
  });

  it("counts a failed passkey on its challenge alone: no pause, nothing toward the switch-off", async () => {
    const account = randomUUID();
    const junk = await fail(account, 40, { ...STRANGER, tried: "passkey" });
    expect(junk.every((r) => !r.ok && r.counted)).toBe(true);
    expect(junk.every((r) => !r.ok && !r.retryAfterSeconds)).toBe(true);
    expect(junk.map((r) => !r.ok && r.reason)).not.toContain("account-locked");
    expect(await h.store.readAccountFailures(account, T0)).toEqual({
      codeFailures: 0,
      recoveryFailures: 0,
      codesOff: false,
      pausedClients: [],
    });
    // The same client's codes are untouched.
    const id = await opened(account);
    await h.store.issueCode(id, { ...text("right"), ...STRANGER });
    expect(
      await h.store.verifyCode(id, "right", T0, POLICY, STRANGER),
    ).toMatchObject({ ok: true });
  });

  it("gives recovery codes their own count per client: a stranger's pause stops neither the owner's recovery code nor anyone's codes", async () => {
    const account = randomUUID();
    const scope = { ...STRANGER, tried: "recovery" as const };
    const wrong = await fail(account, 3, scope);
    expect(wrong.at(-1)).toMatchObject({ retryAfterSeconds: 60 });
    const id = await opened(account);
    expect(
      await h.store.recordFactorResult(id, "recovery", T0 + 1, POLICY, scope),
    ).toMatchObject({ ok: false, reason: "account-locked", counted: false });
    // The stranger's phone codes are not paused by its recovery codes…
    expect(await h.store.readAccountFailures(account, T0 + 1)).toMatchObject({
      codeFailures: 0,
      recoveryFailures: 3,
      codesOff: false,
    });
    // …and the owner's recovery code signs in.
    const mine = await opened(account);
    expect(
      await h.store.recordFactorResult(mine, "recovery", T0 + 2, POLICY, {
        ...OWNER,
        tried: "recovery",
      }),
    ).toMatchObject({ ok: true });
  });

  it("switches the account's guessable codes off when every client's wrong codes together reach the bound; a passkey, a recovery code or a known browser still gets in and switches them back on", async () => {
    const account = randomUUID();
    // Eight clients, one wrong code each: no client is paused, yet the account's bound is reached.
    const results = [];
    for (let i = 0; i < POLICY.disableAfter; i++)
      results.push(...(await fail(account, 1, { client: `bot-${i}` })));
    expect(results.at(-1)).toMatchObject({
      reason: "account-disabled",
      counted: true,
    });
    const owner = await opened(account);
    expect(
      await h.store.issueCode(owner, { ...text("right"), ...OWNER }),
    ).toMatchObject({ ok: false, reason: "account-disabled" });
    expect(
      await h.store.recordFactorResult(owner, "totp", T0, POLICY, OWNER),
    ).toMatchObject({ ok: false, reason: "account-disabled", counted: false });
    // A failed passkey or recovery code is not barred by it either (each is counted its own way).
    expect(
      await h.store.recordFactorResult(owner, null, T0, POLICY, {
        ...OWNER,
        tried: "passkey",
      }),
    ).toMatchObject({ reason: "wrong", counted: true });
    expect(
      await h.store.recordFactorResult(owner, "passkey", T0, POLICY, OWNER),
    ).toMatchObject({ ok: true });
    expect(await h.store.readAccountFailures(account, T0)).toMatchObject({
      codeFailures: 0,
      codesOff: false,
    });
  });

  it("keeps a switch-off past the memory window, until it is lifted", async () => {
    const account = randomUUID();
    for (let i = 0; i < POLICY.disableAfter; i++)
      await fail(account, 1, { client: `bot-${i}` });
    const later = T0 + POLICY.memorySeconds * 1000 + 1;
    expect(await h.store.readAccountFailures(account, later)).toMatchObject({
      codesOff: true,
    });
    await h.store.clearAccountFailures(account);
    expect(await h.store.readAccountFailures(account, later)).toEqual({
      codeFailures: 0,
      recoveryFailures: 0,
      codesOff: false,
      pausedClients: [],
    });
    const id = await opened(account);
    expect(
      await h.store.issueCode(id, { ...text("right", later), ...OWNER }),
    ).toMatchObject({ ok: true });
  });
});
