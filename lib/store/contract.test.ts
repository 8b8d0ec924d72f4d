import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestUpstash,
  describeForEachStore,
  roundTripsOf,
  startTestUpstash,
} from "@/test/support/redis";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import {
  FRESH_CHALLENGE_STATE,
  type Challenge,
  type FailurePolicy,
  type IssueRequest,
  type NewChallenge,
} from "./types";

// The challenge store's contract, held by the embedded store and the Upstash one alike. The
// account-wide failure counting has its own suite (account-failures.test.ts).

const T0 = 1_700_000_000_000;
const MINUTE = 60;
/** Attempt cap 5, as in production; the account's lock is far away. */
const POLICY: FailurePolicy = {
  maxAttempts: 5,
  lockAfter: 1000,
  ladderSeconds: [60],
  disableAfter: 2000,
  memorySeconds: 3600,
};
const withCap = (maxAttempts: number) => ({ ...POLICY, maxAttempts });

/** `<random>.<account>`, as newChallengeId makes them; a fresh account unless given. */
function newChallenge(overrides: Partial<NewChallenge> = {}): NewChallenge {
  return {
    id: `${randomUUID()}.${randomUUID()}`,
    purpose: "login",
    userId: "123456", // digits on purpose: must come back as a string, not a number
    pendingEmail: null,
    pendingPasswordHash: null,
    phone: "+14155550100",
    // What the digits say, kept as the step read them (one field left unknown on purpose).
    phoneFacts: {
      valid: true,
      country: "US",
      type: "FIXED_LINE_OR_MOBILE",
      callingCode: undefined,
    },
    createdAt: T0,
    locale: null,
    ...overrides,
  };
}

/** A text's issue request: no cooldown unless given, delivery reported later. */
function sms(
  codeHash: string,
  codeExpiresAt: number,
  maxSends: number,
  now: number,
  cooldownMs = 0,
): IssueRequest {
  return {
    codeHash,
    codeExpiresAt,
    maxSends,
    now,
    channel: "sms",
    cooldownMs,
    delivery: "queued",
  };
}

/** A call's issue request, keeping `sealed` under `token` for the code's lifetime. */
const call = (
  now: number,
  token: string,
  lifetimeMs = 1_000,
  sealed = `sealed-${token}`,
): IssueRequest => ({
  ...sms(`hash-${token}`, now + lifetimeMs, 5, now, 30_000),
  channel: "voice",
  delivery: "sent",
  callCode: { token, sealed },
});

describeForEachStore("ChallengeStore contract", (h) => {
  /** A challenge started with its first text, code "hash-1" valid for a minute. */
  async function started(maxSends = 5, overrides: Partial<NewChallenge> = {}) {
    const c = newChallenge(overrides);
    const first = sms("hash-1", T0 + 60_000, maxSends, T0);
    expect(await h.store.startChallenge(c, 10 * MINUTE, first)).toMatchObject({
      ok: true,
      challenge: { id: c.id, sends: 1 },
    });
    return c;
  }

  it("keeps the language a challenge opened with, through its issues, and reads none as none", async () => {
    const brazilian = await started(5, { locale: "pt-BR" });
    expect((await h.store.getChallenge(brazilian.id))?.locale).toBe("pt-BR");
    const again = await h.store.issueCode(
      brazilian.id,
      sms("hash-2", T0 + 120_000, 5, T0 + 1_000),
    );
    expect(again).toMatchObject({ ok: true, challenge: { locale: "pt-BR" } });
    const plain = await started();
    expect((await h.store.getChallenge(plain.id))?.locale).toBeNull();
  });

  it("starts a challenge with a fresh security state and its first code, and reads it back unchanged", async () => {
    const c = newChallenge({
      purpose: "signup",
      userId: null,
      pendingEmail: "a@b.c",
      pendingPasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$abc$def",
    });
    const result = await h.store.startChallenge(
      c,
      MINUTE,
      sms("hash-1", T0 + 60_000, 5, T0),
    );
    const expected: Challenge = {
      ...c,
      ...FRESH_CHALLENGE_STATE,
      phoneFacts: c.phoneFacts!,
      factors: ["phone"],
      locale: null,
      codeHash: "hash-1",
      codeExpiresAt: T0 + 60_000,
      sends: 1,
      lastSentAt: T0,
      delivery: "queued",
    };
    const { codeHash, codeExpiresAt, sends, lastSentAt, lastCallAt, delivery } =
      FRESH_CHALLENGE_STATE;
    expect(result).toEqual({
      ok: true,
      challenge: expected,
      previous: {
        codeHash,
        codeExpiresAt,
        sends,
        lastSentAt,
        lastCallAt,
        delivery,
      },
    });
    expect(await h.store.getChallenge(c.id)).toEqual(expected);
    const login = await started();
    expect((await h.store.getChallenge(login.id))?.userId).toBe("123456");
  });

  it("returns null for a challenge that never existed", async () => {
    const id = newChallenge().id;
    expect(await h.store.getChallenge(id)).toBeNull();
    expect(await h.store.issueCode(id, sms("h", T0 + 1, 5, T0))).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(await h.store.verifyCode(id, "h", T0, POLICY)).toEqual({
      ok: false,
      reason: "missing",
      attemptsLeft: 0,
      userId: null,
      counted: false,
    });
  });

  it("forgets a challenge once its lifetime is over", async () => {
    const c = newChallenge();
    await h.store.startChallenge(c, 1, sms("h", T0 + 60_000, 5, T0));
    await h.elapse(1.2);
    expect(await h.store.getChallenge(c.id)).toBeNull();
    expect(await h.store.issueCode(c.id, sms("h", T0 + 1, 5, T0))).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("does not extend the challenge lifetime when codes are issued or checked", async () => {
    const c = newChallenge();
    await h.store.startChallenge(c, 2, sms("h", T0 + 60_000, 5, T0));
    await h.elapse(1);
    await h.store.issueCode(c.id, sms("h2", T0 + 60_000, 5, T0));
    await h.store.verifyCode(c.id, "wrong", T0, POLICY);
    await h.store.recordDelivery(c.id, 2, "sent");
    await h.store.setUserId(c.id, "u-1");
    await h.elapse(1.2);
    expect(await h.store.getChallenge(c.id)).toBeNull();
  });

  it("issues codes up to the send limit, keeping the latest hash", async () => {
    const c = await started(2);
    expect(
      await h.store.issueCode(c.id, sms("hash-2", T0 + 90_000, 2, T0 + 30_000)),
    ).toMatchObject({
      ok: true,
      challenge: { codeHash: "hash-2", sends: 2 },
    });
    expect(
      await h.store.issueCode(c.id, sms("hash-3", T0 + 99_000, 2, T0 + 40_000)),
    ).toEqual({
      ok: false,
      reason: "send-limit",
    });
    expect(await h.store.getChallenge(c.id)).toMatchObject({
      codeHash: "hash-2",
      codeExpiresAt: T0 + 90_000,
      sends: 2,
      lastSentAt: T0 + 30_000,
      delivery: "queued",
    });
  });

  it("makes a text wait out the cooldown unless the last delivery failed", async () => {
    const c = await started();
    expect(
      await h.store.issueCode(
        c.id,
        sms("hash-2", T0 + 70_000, 5, T0 + 10_000, 30_000),
      ),
    ).toEqual({ ok: false, reason: "too-soon", retryAfterSeconds: 20 });
    expect(await h.store.recordDelivery(c.id, 1, "failed")).toMatchObject({
      delivery: "failed",
    });
    expect(
      await h.store.issueCode(
        c.id,
        sms("hash-2", T0 + 70_000, 5, T0 + 10_000, 30_000),
      ),
    ).toMatchObject({
      ok: true,
      challenge: { sends: 2, codeHash: "hash-2" },
    });
  });

  it("never refuses a send as too soon when there is no cooldown, even one whose clock read earlier than the last send's", async () => {
    const c = await started();
    // Two sends at once: the later clock reading reaches the store first.
    expect(
      await h.store.issueCode(c.id, sms("hash-2", T0 + 70_000, 5, T0 + 5)),
    ).toMatchObject({ ok: true, challenge: { sends: 2 } });
    expect(
      await h.store.issueCode(c.id, sms("hash-3", T0 + 70_000, 5, T0 + 4)),
    ).toMatchObject({ ok: true, challenge: { sends: 3 } });
    const noCooldownCall = (now: number, token: string) => ({
      ...call(now, token),
      cooldownMs: 0,
    });
    expect(
      await h.store.issueCode(c.id, noCooldownCall(T0 + 7, "token-1")),
    ).toMatchObject({ ok: true, challenge: { sends: 4 } });
    expect(
      await h.store.issueCode(c.id, noCooldownCall(T0 + 6, "token-2")),
    ).toMatchObject({ ok: true, challenge: { sends: 5 } });
  });

  it("places a call at once, one per cooldown, keeping its sealed code for the code's lifetime", async () => {
    const c = await started();
    const first = await h.store.issueCode(c.id, call(T0 + 1, "call-a"));
    expect(first).toMatchObject({
      ok: true,
      challenge: { lastCallAt: T0 + 1, delivery: "sent" },
    });
    expect(await h.store.issueCode(c.id, call(T0 + 2, "call-b"))).toMatchObject(
      { ok: false, reason: "too-soon", retryAfterSeconds: 30 },
    );
    expect(await h.store.takeCallCode("call-b")).toBeNull();
    // Another challenge's call whose code lives a minute, to tell "expired" from "never stored".
    const other = await started();
    const long = call(T0 + 1, "call-long", 60_000, "012345");
    expect(await h.store.issueCode(other.id, long)).toMatchObject({ ok: true });
    await h.elapse(1.2);
    expect(await h.store.takeCallCode("call-a")).toBeNull();
    expect(await h.store.takeCallCode("call-long")).toBe("012345");
  });

  it("hands a call's sealed code out once", async () => {
    const c = await started();
    await h.store.issueCode(c.id, call(T0 + 1, "call-once", 60_000));
    const takes = await Promise.all(
      Array.from({ length: 5 }, () => h.store.takeCallCode("call-once")),
    );
    expect(takes.filter(Boolean)).toEqual(["sealed-call-once"]);
    expect(await h.store.takeCallCode("call-once")).toBeNull();
    expect(await h.store.takeCallCode("never-issued")).toBeNull();
  });

  it("lets a key be claimed once while it lives, and again after it expires", async () => {
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => h.store.claimOnce("nonce-a", 1)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await h.store.claimOnce("nonce-a", 1)).toBe(false);
    expect(await h.store.claimOnce("nonce-b", 1)).toBe(true);
    await h.elapse(1.2);
    expect(await h.store.claimOnce("nonce-a", 1)).toBe(true);
  });

  it("puts the previous code back when the send of a new one fails", async () => {
    const c = await started();
    const second = await h.store.issueCode(
      c.id,
      sms("hash-2", T0 + 90_000, 5, T0 + 1),
    );
    expect(second).toMatchObject({
      ok: true,
      previous: { codeHash: "hash-1", codeExpiresAt: T0 + 60_000 },
    });
    if (!second.ok) return;
    // As sendCode does after a provider failure: the send still counts, the code goes back.
    const { sends, lastSentAt, lastCallAt } = second.challenge;
    const kept = { sends, lastSentAt, lastCallAt, delivery: "failed" as const };
    await h.store.restoreIssue(
      c.id,
      "hash-2",
      { ...second.previous, ...kept },
      "failed",
    );
    expect(await h.store.getChallenge(c.id)).toMatchObject({
      codeHash: "hash-1",
      codeExpiresAt: T0 + 60_000,
      delivery: "failed",
      sends: 2,
    });
    expect(
      await h.store.verifyCode(c.id, "hash-1", T0 + 2, POLICY),
    ).toMatchObject({ ok: true });
  });

  it("takes back a send the limits refused: its code, its count and its cooldown", async () => {
    const c = await started();
    const before = await h.store.getChallenge(c.id);
    const text = await h.store.issueCode(
      c.id,
      sms("hash-2", T0 + 90_000, 5, T0 + 40_000, 30_000),
    );
    const voice = await h.store.issueCode(c.id, call(T0 + 41_000, "refused"));
    if (!text.ok || !voice.ok) throw new Error("issue refused");
    // Undone newest first, as each send is undone right after its own refusal.
    await h.store.restoreIssue(
      c.id,
      "hash-refused",
      voice.previous,
      voice.previous.delivery,
    );
    await h.store.restoreIssue(
      c.id,
      "hash-2",
      text.previous,
      text.previous.delivery,
    );
    expect(await h.store.getChallenge(c.id)).toEqual(before);
    expect(
      await h.store.verifyCode(c.id, "hash-2", T0 + 42_000, POLICY),
    ).toMatchObject({ ok: false, reason: "wrong" });
    // No cooldown was started by the sends that never went out.
    expect(
      await h.store.issueCode(c.id, call(T0 + 42_000, "next", 60_000)),
    ).toMatchObject({ ok: true, challenge: { sends: 2 } });
  });

  it("takes back a first send the limits refused, leaving no code", async () => {
    const c = newChallenge();
    const first = await h.store.startChallenge(
      c,
      MINUTE,
      sms("hash-1", T0 + 60_000, 5, T0),
    );
    if (!first.ok) throw new Error("start refused");
    await h.store.restoreIssue(
      c.id,
      "hash-1",
      first.previous,
      first.previous.delivery,
    );
    expect(await h.store.getChallenge(c.id)).toEqual({
      ...c,
      ...FRESH_CHALLENGE_STATE,
      factors: ["phone"],
    });
    expect(await h.store.verifyCode(c.id, "hash-1", T0, POLICY)).toEqual({
      ok: false,
      reason: "no-code",
      attemptsLeft: 5,
      userId: "123456",
      counted: false,
    });
  });

  it("leaves the challenge untouched when the code being taken back is no longer current", async () => {
    const c = await started();
    const second = await h.store.issueCode(
      c.id,
      sms("hash-2", T0 + 90_000, 5, T0 + 1),
    );
    await h.store.issueCode(c.id, sms("hash-3", T0 + 99_000, 5, T0 + 2));
    if (!second.ok) throw new Error("second issue refused");
    const current = await h.store.getChallenge(c.id);
    expect(current).toMatchObject({ codeHash: "hash-3", sends: 3 });
    await h.store.restoreIssue(c.id, "hash-2", second.previous, "failed");
    expect(await h.store.getChallenge(c.id)).toEqual(current);
    // Nor once the challenge is verified (its code is then cleared).
    await h.store.verifyCode(c.id, "hash-3", T0 + 3, POLICY);
    const verified = await h.store.getChallenge(c.id);
    await h.store.restoreIssue(c.id, "", second.previous, "failed");
    expect(await h.store.getChallenge(c.id)).toEqual(verified);
    await h.store.deleteChallenge(c.id);
    await h.store.restoreIssue(c.id, "", second.previous, "failed");
    expect(await h.store.getChallenge(c.id)).toBeNull();
  });

  it("accepts the right code exactly once and clears it", async () => {
    const c = await started();
    const first = await h.store.verifyCode(c.id, "hash-1", T0 + 1, POLICY);
    expect(first).toMatchObject({
      ok: true,
      challenge: {
        id: c.id,
        userId: "123456",
        status: "verified",
        codeHash: "",
      },
    });
    expect(
      await h.store.verifyCode(c.id, "hash-1", T0 + 2, POLICY),
    ).toMatchObject({
      ok: false,
      reason: "verified",
      counted: false,
      challenge: { id: c.id, status: "verified" },
    });
    expect(
      await h.store.issueCode(c.id, sms("hash-2", T0 + 60_000, 5, T0)),
    ).toEqual({ ok: false, reason: "verified" });
  });

  it("rejects the right code once it has expired, without counting an attempt", async () => {
    const c = await started();
    expect(
      await h.store.verifyCode(c.id, "hash-1", T0 + 60_000, POLICY),
    ).toEqual({
      ok: false,
      reason: "expired",
      attemptsLeft: 5,
      userId: "123456",
      counted: false,
    });
    expect((await h.store.getChallenge(c.id))?.attempts).toBe(0);
  });

  it("counts wrong codes across resends and locks at the attempt cap", async () => {
    const c = await started();
    const cap3 = withCap(3);
    expect(await h.store.verifyCode(c.id, "nope", T0, cap3)).toEqual({
      ok: false,
      reason: "wrong",
      attemptsLeft: 2,
      userId: "123456",
      counted: true,
    });
    await h.store.issueCode(c.id, sms("hash-2", T0 + 60_000, 5, T0));
    expect(await h.store.verifyCode(c.id, "nope", T0, cap3)).toEqual({
      ok: false,
      reason: "wrong",
      attemptsLeft: 1,
      userId: "123456",
      counted: true,
    });
    expect(await h.store.verifyCode(c.id, "nope", T0, cap3)).toEqual({
      ok: false,
      reason: "locked",
      attemptsLeft: 0,
      userId: "123456",
      counted: true,
    });
    expect(await h.store.verifyCode(c.id, "hash-2", T0, cap3)).toEqual({
      ok: false,
      reason: "locked",
      attemptsLeft: 0,
      userId: "123456",
      counted: false,
    });
    expect(
      await h.store.issueCode(c.id, sms("hash-3", T0 + 60_000, 5, T0)),
    ).toEqual({ ok: false, reason: "locked" });
    expect(await h.store.getChallenge(c.id)).toMatchObject({
      status: "locked",
      attempts: 3,
      codeHash: "",
    });
  });

  it("lets 20 concurrent correct verifies succeed exactly once", async () => {
    const c = await started();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.store.verifyCode(c.id, "hash-1", T0, POLICY),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok && r.reason === "verified"),
    ).toHaveLength(19);
  });

  it("never counts more wrong attempts than the cap under concurrency", async () => {
    const c = await started();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.store.verifyCode(c.id, "nope", T0, POLICY),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "wrong")).toHaveLength(
      4,
    );
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(
      16,
    );
    expect(results.filter((r) => !r.ok && r.counted)).toHaveLength(5);
    expect((await h.store.getChallenge(c.id))?.attempts).toBe(5);
  });

  it("records each delivery report on its own send, moving only forward", async () => {
    const c = await started();
    expect(await h.store.recordDelivery(c.id, 1, "sent")).toMatchObject({
      id: c.id,
      delivery: "sent",
    });
    // A backward state: a late "queued" after "sent".
    expect(await h.store.recordDelivery(c.id, 1, "queued")).toBeNull();
    expect(await h.store.recordDelivery(c.id, 1, "sent")).toBeNull();
    await h.store.issueCode(c.id, sms("hash-2", T0 + 60_000, 5, T0 + 1));
    // A report on the first text, arriving after the second went out.
    expect(await h.store.recordDelivery(c.id, 1, "failed")).toBeNull();
    expect(await h.store.recordDelivery(c.id, 3, "failed")).toBeNull();
    expect((await h.store.getChallenge(c.id))?.delivery).toBe("queued");
    expect(await h.store.recordDelivery(c.id, 2, "delivered")).toMatchObject({
      delivery: "delivered",
      sends: 2,
      codeHash: "hash-2",
    });
    // Final states never replace each other.
    expect(await h.store.recordDelivery(c.id, 2, "undelivered")).toBeNull();
    expect(await h.store.recordDelivery(c.id, 2, "sent")).toBeNull();
    expect((await h.store.getChallenge(c.id))?.delivery).toBe("delivered");
    expect(
      await h.store.recordDelivery(newChallenge().id, 1, "sent"),
    ).toBeNull();
  });

  it("lets exactly one of concurrent final delivery reports win", async () => {
    const c = await started();
    const finals = ["delivered", "failed", "undelivered"] as const;
    const reports = Array.from({ length: 12 }, (_, i) => finals[i % 3]!);
    const results = await Promise.all(
      reports.map((status) => h.store.recordDelivery(c.id, 1, status)),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect((await h.store.getChallenge(c.id))?.delivery).toBe(
      winners[0]!.delivery,
    );
  });

  it("names the user of a signup and never revives a deleted challenge", async () => {
    const c = await started(5, { purpose: "signup", userId: null });
    await h.store.setUserId(c.id, "u-9");
    expect(await h.store.getChallenge(c.id)).toMatchObject({
      userId: "u-9",
      codeHash: "hash-1",
      sends: 1,
    });
    await h.store.deleteChallenge(c.id);
    await h.store.setUserId(c.id, "u-10");
    expect(await h.store.recordDelivery(c.id, 1, "delivered")).toBeNull();
    expect(await h.store.getChallenge(c.id)).toBeNull();
  });

  it("redeems a verified challenge once and a pending one never", async () => {
    const c = await started();
    expect(await h.store.redeemChallenge(c.id)).toBeNull();
    await h.store.verifyCode(c.id, "hash-1", T0, POLICY);
    const redeemed = await Promise.all([
      h.store.redeemChallenge(c.id),
      h.store.redeemChallenge(c.id),
    ]);
    expect(redeemed.filter(Boolean)).toHaveLength(1);
    expect(redeemed.find(Boolean)).toMatchObject({
      id: c.id,
      status: "verified",
      phone: c.phone,
    });
    expect(await h.store.getChallenge(c.id)).toBeNull();
  });

  it("keeps a verified challenge until it names its user", async () => {
    const c = await started(5, { purpose: "signup", userId: null });
    await h.store.verifyCode(c.id, "hash-1", T0, POLICY);
    expect(await h.store.redeemChallenge(c.id)).toBeNull();
    expect((await h.store.getChallenge(c.id))?.status).toBe("verified");
    await h.store.setUserId(c.id, "u-new");
    expect(await h.store.redeemChallenge(c.id)).toMatchObject({
      userId: "u-new",
    });
  });
});

describe("ChallengeStore round trips over the Upstash REST protocol", () => {
  let server: UpstashRestServer;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());

  it("takes exactly one HTTP request per operation", async () => {
    const { store } = createTestUpstash(server, "store-trips");
    const trips = (work: () => Promise<unknown>) => roundTripsOf(server, work);
    // Once per client: the runner sends each script whole the first time, then its SHA.
    const warm = newChallenge();
    await store.startChallenge(warm, MINUTE, sms("w", T0 + 60_000, 9, T0));
    await store.issueCode(warm.id, sms("w2", T0 + 60_000, 9, T0));
    await store.restoreIssue(warm.id, "x", FRESH_CHALLENGE_STATE, "none");
    await store.verifyCode(warm.id, "nope", T0, POLICY);
    await store.recordDelivery(warm.id, 2, "sent");
    await store.setUserId(warm.id, "u");
    await store.redeemChallenge(warm.id);

    const c = newChallenge();
    const first = sms("hash-1", T0 + 60_000, 9, T0);
    expect(await trips(() => store.startChallenge(c, MINUTE, first))).toBe(1);
    let issued: Awaited<ReturnType<typeof store.issueCode>> | undefined;
    const resend = call(T0 + 1, "trip", 60_000);
    expect(
      await trips(async () => (issued = await store.issueCode(c.id, resend))),
    ).toBe(1);
    if (!issued?.ok) throw new Error("issue refused");
    const { previous } = issued;
    expect(
      await trips(() =>
        store.restoreIssue(c.id, "hash-trip", previous, "none"),
      ),
    ).toBe(1);
    expect(await trips(() => store.takeCallCode("trip"))).toBe(1);
    expect(await trips(() => store.recordDelivery(c.id, 1, "sent"))).toBe(1);
    expect(await trips(() => store.getChallenge(c.id))).toBe(1);
    expect(await trips(() => store.verifyCode(c.id, "nope", T0, POLICY))).toBe(
      1,
    );
    expect(
      await trips(() => store.verifyCode(c.id, "hash-1", T0, POLICY)),
    ).toBe(1);
    expect(await trips(() => store.setUserId(c.id, "u-1"))).toBe(1);
    expect(await trips(() => store.redeemChallenge(c.id))).toBe(1);
  });
});
