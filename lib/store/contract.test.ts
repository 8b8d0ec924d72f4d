import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeTestPrefix, startTestUpstash } from "@/test/support/redis";
import { createEmbeddedStore } from "./embedded";
import type { ChallengeStore, IssueRequest, NewChallenge } from "./types";
import { createUpstashStore } from "./upstash";

interface Harness {
  store: ChallengeStore;
  /** Lets key TTLs run out: a fake clock for the embedded store, a real sleep for Redis. */
  elapse(seconds: number): Promise<void>;
}

const T0 = 1_700_000_000_000;
const MINUTE = 60;

function newChallenge(overrides: Partial<NewChallenge> = {}): NewChallenge {
  return {
    id: randomUUID(),
    purpose: "login",
    userId: "123456", // digits on purpose: must come back as a string, not a number
    pending: null,
    phone: "+14155550100",
    createdAt: T0,
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

function describeCodeStoreContract(name: string, makeHarness: () => Harness) {
  describe(`ChallengeStore contract: ${name}`, () => {
    let store: ChallengeStore;
    let elapse: Harness["elapse"];
    beforeEach(() => ({ store, elapse } = makeHarness()));

    async function issued(maxSends = 5, overrides: Partial<NewChallenge> = {}) {
      const c = newChallenge(overrides);
      await store.createChallenge(c, 10 * MINUTE);
      expect(
        await store.issueCode(c.id, sms("hash-1", T0 + 60_000, maxSends, T0)),
      ).toMatchObject({ ok: true, challenge: { id: c.id, sends: 1 } });
      return c;
    }

    it("stores a new challenge with empty security state and reads it back unchanged", async () => {
      const c = newChallenge({
        purpose: "signup",
        userId: null,
        pending: '{"email":"a@b.c"}',
      });
      await store.createChallenge(c, MINUTE);
      expect(await store.getChallenge(c.id)).toEqual({
        ...c,
        codeHash: "",
        codeExpiresAt: 0,
        sends: 0,
        attempts: 0,
        status: "pending",
        delivery: "none",
        lastSentAt: 0,
        lastCallAt: 0,
      });
    });

    it("returns null for a challenge that never existed", async () => {
      expect(await store.getChallenge(randomUUID())).toBeNull();
      expect(
        await store.issueCode(randomUUID(), sms("h", T0 + 1, 5, T0)),
      ).toEqual({
        ok: false,
        reason: "missing",
      });
      expect(await store.verifyCode(randomUUID(), "h", 5, T0)).toMatchObject({
        ok: false,
        reason: "missing",
      });
    });

    it("forgets a challenge once its lifetime is over", async () => {
      const c = newChallenge();
      await store.createChallenge(c, 1);
      await elapse(1.2);
      expect(await store.getChallenge(c.id)).toBeNull();
      expect(await store.issueCode(c.id, sms("h", T0 + 1, 5, T0))).toEqual({
        ok: false,
        reason: "missing",
      });
    });

    it("does not extend the challenge lifetime when codes are issued or checked", async () => {
      const c = newChallenge();
      await store.createChallenge(c, 2);
      await elapse(1);
      await store.issueCode(c.id, sms("h", T0 + 60_000, 5, T0));
      await store.verifyCode(c.id, "wrong", 5, T0);
      await elapse(1.2);
      expect(await store.getChallenge(c.id)).toBeNull();
    });

    it("issues codes up to the send limit, keeping the latest hash", async () => {
      const c = await issued(2);
      expect(
        await store.issueCode(c.id, sms("hash-2", T0 + 90_000, 2, T0 + 30_000)),
      ).toMatchObject({
        ok: true,
        challenge: { codeHash: "hash-2", sends: 2 },
      });
      expect(
        await store.issueCode(c.id, sms("hash-3", T0 + 99_000, 2, T0 + 40_000)),
      ).toEqual({
        ok: false,
        reason: "send-limit",
      });
      expect(await store.getChallenge(c.id)).toMatchObject({
        codeHash: "hash-2",
        codeExpiresAt: T0 + 90_000,
        sends: 2,
        lastSentAt: T0 + 30_000,
        delivery: "queued",
      });
    });

    it("makes a text wait out the cooldown unless the last delivery failed", async () => {
      const c = await issued();
      expect(
        await store.issueCode(
          c.id,
          sms("hash-2", T0 + 70_000, 5, T0 + 10_000, 30_000),
        ),
      ).toEqual({ ok: false, reason: "too-soon", retryAfterSeconds: 20 });
      await store.updateChallenge(c.id, { delivery: "failed" });
      expect(
        await store.issueCode(
          c.id,
          sms("hash-2", T0 + 70_000, 5, T0 + 10_000, 30_000),
        ),
      ).toMatchObject({
        ok: true,
        challenge: { sends: 2, codeHash: "hash-2" },
      });
    });

    it("places a call at once, one per cooldown, storing its sealed code with the code's lifetime", async () => {
      const c = await issued();
      const call = (now: number, key: string): IssueRequest => ({
        ...sms("hash-v", now + 1_000, 5, now, 30_000),
        channel: "voice",
        delivery: "sent",
        callCode: { key, value: `sealed-${key}` },
      });
      const first = await store.issueCode(c.id, call(T0 + 1, "call-a"));
      expect(first).toMatchObject({
        ok: true,
        challenge: { lastCallAt: T0 + 1, delivery: "sent" },
      });
      expect(await store.getValue("call-a")).toBe("sealed-call-a");
      expect(await store.issueCode(c.id, call(T0 + 2, "call-b"))).toMatchObject(
        {
          ok: false,
          reason: "too-soon",
        },
      );
      expect(await store.getValue("call-b")).toBeNull();
      await elapse(1.2);
      expect(await store.getValue("call-a")).toBeNull();
    });

    it("puts the previous code back when the send of a new one fails", async () => {
      const c = await issued();
      const second = await store.issueCode(
        c.id,
        sms("hash-2", T0 + 90_000, 5, T0 + 1),
      );
      expect(second).toMatchObject({
        ok: true,
        previous: { codeHash: "hash-1", codeExpiresAt: T0 + 60_000 },
      });
      if (!second.ok) return;
      await store.failDelivery(c.id, "hash-2", second.previous);
      expect(await store.getChallenge(c.id)).toMatchObject({
        codeHash: "hash-1",
        codeExpiresAt: T0 + 60_000,
        delivery: "failed",
        sends: 2,
      });
      expect(await store.verifyCode(c.id, "hash-1", 5, T0 + 2)).toMatchObject({
        ok: true,
      });
    });

    it("keeps a newer code when an older send's failure is reported late", async () => {
      const c = await issued();
      const second = await store.issueCode(
        c.id,
        sms("hash-2", T0 + 90_000, 5, T0 + 1),
      );
      await store.issueCode(c.id, sms("hash-3", T0 + 99_000, 5, T0 + 2));
      if (!second.ok) throw new Error("second issue refused");
      await store.failDelivery(c.id, "hash-2", second.previous);
      expect(await store.getChallenge(c.id)).toMatchObject({
        codeHash: "hash-3",
        delivery: "failed",
      });
    });

    it("says no-code before any code was issued", async () => {
      const c = newChallenge();
      await store.createChallenge(c, MINUTE);
      expect(await store.verifyCode(c.id, "", 5, T0)).toEqual({
        ok: false,
        reason: "no-code",
        attemptsLeft: 5,
        userId: "123456",
      });
    });

    it("accepts the right code exactly once and clears it", async () => {
      const c = await issued();
      const first = await store.verifyCode(c.id, "hash-1", 5, T0 + 1);
      expect(first).toMatchObject({
        ok: true,
        challenge: {
          id: c.id,
          userId: "123456",
          status: "verified",
          codeHash: "",
        },
      });
      expect(await store.verifyCode(c.id, "hash-1", 5, T0 + 2)).toMatchObject({
        ok: false,
        reason: "verified",
      });
      expect(
        await store.issueCode(c.id, sms("hash-2", T0 + 60_000, 5, T0)),
      ).toEqual({ ok: false, reason: "verified" });
    });

    it("rejects the right code once it has expired, without counting an attempt", async () => {
      const c = await issued();
      expect(await store.verifyCode(c.id, "hash-1", 5, T0 + 60_000)).toEqual({
        ok: false,
        reason: "expired",
        attemptsLeft: 5,
        userId: "123456",
      });
      expect((await store.getChallenge(c.id))?.attempts).toBe(0);
    });

    it("counts wrong codes across resends and locks at the attempt cap", async () => {
      const c = await issued();
      expect(await store.verifyCode(c.id, "nope", 3, T0)).toEqual({
        ok: false,
        reason: "wrong",
        attemptsLeft: 2,
        userId: "123456",
      });
      await store.issueCode(c.id, sms("hash-2", T0 + 60_000, 5, T0));
      expect(await store.verifyCode(c.id, "nope", 3, T0)).toEqual({
        ok: false,
        reason: "wrong",
        attemptsLeft: 1,
        userId: "123456",
      });
      expect(await store.verifyCode(c.id, "nope", 3, T0)).toEqual({
        ok: false,
        reason: "locked",
        attemptsLeft: 0,
        userId: "123456",
      });
      expect(await store.verifyCode(c.id, "hash-2", 3, T0)).toEqual({
        ok: false,
        reason: "locked",
        attemptsLeft: 0,
        userId: "123456",
      });
      expect(
        await store.issueCode(c.id, sms("hash-3", T0 + 60_000, 5, T0)),
      ).toEqual({ ok: false, reason: "locked" });
      expect(await store.getChallenge(c.id)).toMatchObject({
        status: "locked",
        attempts: 3,
        codeHash: "",
      });
    });

    it("lets 20 concurrent correct verifies succeed exactly once", async () => {
      const c = await issued();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.verifyCode(c.id, "hash-1", 5, T0),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(
        results.filter((r) => !r.ok && r.reason === "verified"),
      ).toHaveLength(19);
    });

    it("never counts more wrong attempts than the cap under concurrency", async () => {
      const c = await issued();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.verifyCode(c.id, "nope", 5, T0)),
      );
      expect(results.filter((r) => !r.ok && r.reason === "wrong")).toHaveLength(
        4,
      );
      expect(
        results.filter((r) => !r.ok && r.reason === "locked"),
      ).toHaveLength(16);
      expect((await store.getChallenge(c.id))?.attempts).toBe(5);
    });

    it("updates delivery fields, clears with null, and never revives a deleted challenge", async () => {
      const c = await issued();
      await store.updateChallenge(c.id, { delivery: "sent", userId: "u-9" });
      expect(await store.getChallenge(c.id)).toMatchObject({
        delivery: "sent",
        userId: "u-9",
      });
      await store.updateChallenge(c.id, { userId: null });
      expect((await store.getChallenge(c.id))?.userId).toBeNull();
      await store.deleteChallenge(c.id);
      await store.updateChallenge(c.id, { delivery: "delivered" });
      expect(await store.getChallenge(c.id)).toBeNull();
    });

    it("redeems a verified challenge once and a pending one never", async () => {
      const c = await issued();
      expect(await store.redeemChallenge(c.id)).toBeNull();
      await store.verifyCode(c.id, "hash-1", 5, T0);
      const redeemed = await Promise.all([
        store.redeemChallenge(c.id),
        store.redeemChallenge(c.id),
      ]);
      expect(redeemed.filter(Boolean)).toHaveLength(1);
      expect(redeemed.find(Boolean)).toMatchObject({
        id: c.id,
        status: "verified",
        phone: c.phone,
      });
      expect(await store.getChallenge(c.id)).toBeNull();
    });

    it("keeps a verified challenge until it names its user", async () => {
      const c = await issued();
      await store.updateChallenge(c.id, { userId: null });
      await store.verifyCode(c.id, "hash-1", 5, T0);
      expect(await store.redeemChallenge(c.id)).toBeNull();
      expect((await store.getChallenge(c.id))?.status).toBe("verified");
      await store.updateChallenge(c.id, { userId: "u-new" });
      expect(await store.redeemChallenge(c.id)).toMatchObject({
        userId: "u-new",
      });
    });

    it("counts hits in a fixed window that later hits do not extend", async () => {
      const key = `ip:${randomUUID()}`;
      expect(await store.increment(key, 2)).toBe(1);
      await elapse(1);
      expect(await store.increment(key, 2)).toBe(2);
      expect(await store.increment(`other:${randomUUID()}`, 2)).toBe(1);
      await elapse(1.2);
      expect(await store.increment(key, 2)).toBe(1);
    });

    it("keeps values as strings until they expire", async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await store.setValue(a, "012345", 1);
      await store.setValue(b, "123456", MINUTE);
      expect(await store.getValue(a)).toBe("012345");
      expect(await store.getValue(b)).toBe("123456");
      expect(await store.getValue(randomUUID())).toBeNull();
      await elapse(1.2);
      expect(await store.getValue(a)).toBeNull();
    });

    it("verifies in exactly one round trip", async () => {
      await store.ping();
      const c = await issued();
      const before = store.roundTrips();
      await store.verifyCode(c.id, "nope", 5, T0);
      expect(store.roundTrips() - before).toBe(1);
      await store.verifyCode(c.id, "hash-1", 5, T0);
      expect(store.roundTrips() - before).toBe(2);
    });
  });
}

describeCodeStoreContract("embedded", () => {
  let now = T0;
  return {
    store: createEmbeddedStore({ now: () => now }),
    elapse: async (seconds) => void (now += seconds * 1000),
  };
});

describe("over the Upstash REST protocol", () => {
  let server: Awaited<ReturnType<typeof startTestUpstash>>;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());

  describeCodeStoreContract("upstash", () => ({
    store: createUpstashStore({
      url: server.url,
      token: server.token,
      prefix: makeTestPrefix("store"),
    }),
    elapse: (seconds) => new Promise((r) => setTimeout(r, seconds * 1000)),
  }));
});
