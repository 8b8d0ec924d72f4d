import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestUpstash,
  describeForEachStore,
  roundTripsOf,
  startTestUpstash,
} from "@/test/support/redis";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import type { FailurePolicy, IssueRequest, NewChallenge } from "./types";

// An account's credentials changed: every challenge of it opened before then is gone to each step
// that reads one in its atomic script (a send, a code, a factor's result, next-auth's redeem), and
// one opened at or after the change is untouched. Held by the embedded store and Upstash alike.

const T0 = 1_700_000_000_000;
const POLICY: FailurePolicy = {
  maxAttempts: 5,
  lockAfter: 1000,
  ladderSeconds: [60],
  disableAfter: 2000,
  memorySeconds: 3600,
};
const sms = (codeHash: string, now: number): IssueRequest => ({
  codeHash,
  codeExpiresAt: now + 60_000,
  maxSends: 5,
  now,
  channel: "sms",
  cooldownMs: 0,
  delivery: "sent",
});

/** A challenge of `account` opened at `createdAt`. */
const challengeOf = (account: string, createdAt: number): NewChallenge => ({
  id: `${randomUUID()}.${account}`,
  purpose: "login",
  userId: "u-1",
  pendingEmail: null,
  pendingPasswordHash: null,
  phone: "+14155550100",
  createdAt,
});

describeForEachStore("a credential change", (h) => {
  async function opened(account: string, createdAt: number) {
    const c = challengeOf(account, createdAt);
    const started = await h.store.startChallenge(
      c,
      600,
      sms("hash-1", createdAt),
    );
    expect(started.ok).toBe(true);
    return c.id;
  }

  it("drops the challenges opened before it: no send, no code, no factor, no redeem", async () => {
    const account = randomUUID();
    const toSend = await opened(account, T0);
    const toVerify = await opened(account, T0);
    const toSettle = await opened(account, T0);
    const toRedeem = await opened(account, T0);
    await h.store.verifyCode(toRedeem, "hash-1", T0, POLICY);
    await h.store.markCredentialsChanged(account, T0 + 1, 600);

    const later = T0 + 2;
    expect(await h.store.issueCode(toSend, sms("hash-2", later))).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(
      await h.store.verifyCode(toVerify, "hash-1", later, POLICY),
    ).toMatchObject({ ok: false, reason: "missing", counted: false });
    expect(
      await h.store.recordFactorResult(toSettle, "totp", later, POLICY),
    ).toMatchObject({ ok: false, reason: "missing", counted: false });
    expect(await h.store.redeemChallenge(toRedeem)).toBeNull();
    for (const id of [toSend, toVerify, toSettle, toRedeem])
      expect(await h.store.getChallenge(id)).toBeNull();
  });

  it("leaves the challenges opened at or after it, and another account's", async () => {
    const account = randomUUID();
    const after = await opened(account, T0 + 1);
    const elsewhere = await opened(randomUUID(), T0);
    await h.store.markCredentialsChanged(account, T0 + 1, 600);
    for (const id of [after, elsewhere]) {
      const checked = await h.store.verifyCode(id, "hash-1", T0 + 2, POLICY);
      expect(checked.ok).toBe(true);
      expect(await h.store.redeemChallenge(id)).toMatchObject({ id });
    }
  });

  it("never moves the time of the last change back", async () => {
    const account = randomUUID();
    const between = await opened(account, T0 + 5);
    await h.store.markCredentialsChanged(account, T0 + 10, 600);
    await h.store.markCredentialsChanged(account, T0 + 1, 600);
    const checked = await h.store.verifyCode(
      between,
      "hash-1",
      T0 + 11,
      POLICY,
    );
    expect(checked).toMatchObject({ ok: false, reason: "missing" });
  });
});

describe("a credential change over the Upstash REST protocol", () => {
  let server: UpstashRestServer;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());

  it("is marked in one round trip, and a send, a verify and a redeem still take one each", async () => {
    const { store } = createTestUpstash(server, "changed-trips");
    const account = randomUUID();
    const trips = (work: () => Promise<unknown>) => roundTripsOf(server, work);
    // Once per client: the runner sends each script whole the first time, then its SHA.
    await store.markCredentialsChanged(account, T0, 600);
    const c = challengeOf(account, T0 + 1);
    await store.startChallenge(c, 600, sms("hash-1", T0 + 1));
    await store.issueCode(c.id, sms("hash-2", T0 + 2));
    await store.verifyCode(c.id, "nope", T0 + 2, POLICY);
    await store.redeemChallenge(c.id);

    expect(
      await trips(() => store.markCredentialsChanged(account, T0, 600)),
    ).toBe(1);
    expect(
      await trips(() => store.issueCode(c.id, sms("hash-3", T0 + 3))),
    ).toBe(1);
    expect(
      await trips(() => store.verifyCode(c.id, "hash-3", T0 + 3, POLICY)),
    ).toBe(1);
    expect(await trips(() => store.redeemChallenge(c.id))).toBe(1);
  });
});
