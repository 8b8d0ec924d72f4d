import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuse } from "@/lib/errors";
import type { Limiter } from "@/lib/limits/types";
import type { ChallengeStore } from "@/lib/store/types";
import { createRecordingMessenger } from "@/test/support/messenger";
import {
  createTestUpstash,
  roundTripsOf,
  startTestUpstash,
} from "@/test/support/redis";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import { newChallengeId } from "./id";
import { CHALLENGE_TTL_SECONDS } from "./policy";
import { sendCode, type SendRequest } from "./send";
import { checkCode } from "./verify";

// Round trips to Upstash, counted at the REST stand-in (one HTTP request each), for the operations
// the benchmark loads (bench). They are deterministic, so they are pinned here.

/** A check: one atomic script. */
const VERIFY_TRIPS = 1;
/** A new challenge and its first code: one script creates and issues. */
const START_TRIPS = 1;
/** sendCode alone: one issue script (checks, cooldown, code, a call's sealed code, read-back). */
const SEND_TRIPS = 1;
/** A resend with its limits: the issue, then every limit in one script. */
const SEND_WITH_LIMITS_TRIPS = 2;
/** A resend the limits refuse: the issue, the limits, and taking the issue back. */
const REFUSED_SEND_TRIPS = 3;
/** Checks from requests that a busy server runs in one turn of its event loop: one pipeline. */
const CONCURRENT_VERIFY_TRIPS = 1;

describe("challenge round trips", () => {
  let server: UpstashRestServer;
  let store: ChallengeStore;
  let limiter: Limiter;
  const messenger = createRecordingMessenger();
  const deps = (now = Date.now()) => ({
    store,
    messenger,
    appUrl: "http://localhost:3000",
    now: () => now,
  });

  beforeAll(async () => {
    server = await startTestUpstash();
    ({ store, limiter } = createTestUpstash(server, "round-trips"));
    // Each script goes whole once per client, then by its SHA: warm them all up.
    await sentChallenge();
    const { id } = await sentChallenge();
    await resend(id, async () => refuse("RATE_LIMITED"), Date.now() + 60_000);
    await limiter.consume([], Date.now());
    await checkCode(store, id, "000000");
  });
  afterAll(() => server.close());

  const trips = (work: () => Promise<unknown>) => roundTripsOf(server, work);

  async function sentChallenge() {
    const id = newChallengeId("login", `user:${randomUUID()}`);
    const challenge = {
      id,
      purpose: "login" as const,
      userId: "user-1",
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: "+33612345678",
      createdAt: Date.now(),
    };
    const sent = await sendCode(deps(), {
      id,
      channel: "sms",
      issue: (req) =>
        store.startChallenge(challenge, CHALLENGE_TTL_SECONDS, req),
      admit: async () => null,
    });
    expect(sent.ok).toBe(true);
    const code = messenger.sms.at(-1)!.text.match(/#(\d{6})$/)![1]!;
    return { id, code };
  }

  function resend(id: string, admit: SendRequest["admit"], now: number) {
    return sendCode(deps(now), {
      id,
      channel: "sms",
      issue: (req) => store.issueCode(id, req),
      admit,
    });
  }

  it("starts a challenge with its first code in exactly one round trip", async () => {
    expect(await trips(sentChallenge)).toBe(START_TRIPS);
  });

  it("verifies a wrong code in exactly one round trip", async () => {
    const { id } = await sentChallenge();
    const wrong = await trips(async () => {
      const outcome = await checkCode(store, id, "000000");
      expect(outcome.ok).toBe(false);
    });
    expect(wrong).toBe(VERIFY_TRIPS);
  });

  it("verifies the right code in exactly one round trip", async () => {
    const { id, code } = await sentChallenge();
    const right = await trips(async () => {
      expect((await checkCode(store, id, code)).ok).toBe(true);
    });
    expect(right).toBe(VERIFY_TRIPS);
  });

  it("checks codes that requests arriving together ask for in one round trip between them, each with its own outcome", async () => {
    const sent: Awaited<ReturnType<typeof sentChallenge>>[] = [];
    for (let i = 0; i < 20; i++) sent.push(await sentChallenge());
    const codeFor = (i: number) => (i % 2 ? "000000" : sent[i]!.code);
    // Each in a callback of its own, as a server runs the requests that arrived in one turn.
    const inOwnCallback = (i: number) =>
      new Promise<Awaited<ReturnType<typeof checkCode>>>((resolve) =>
        setImmediate(() => resolve(checkCode(store, sent[i]!.id, codeFor(i)))),
      );
    let outcomes: Awaited<ReturnType<typeof checkCode>>[] = [];
    const together = await trips(async () => {
      outcomes = await Promise.all(sent.map((_, i) => inOwnCallback(i)));
    });
    expect(together).toBe(CONCURRENT_VERIFY_TRIPS);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error))).toEqual(
      sent.map((_, i) => (i % 2 ? "WRONG_CODE" : "ok")),
    );
    // Each script ran on its own challenge: the right codes were spent, the wrong ones counted.
    const again = await Promise.all(
      sent.map(({ id, code }) => checkCode(store, id, code)),
    );
    expect(again.map((o) => (o.ok ? "ok" : o.error))).toEqual(
      sent.map((_, i) => (i % 2 ? "ok" : "ALREADY_VERIFIED")),
    );
  });

  it("sends a code in one round trip, two with its limits, three when they refuse it", async () => {
    const { id } = await sentChallenge();
    const later = (n: number) => Date.now() + n * 60_000;
    const alone = await trips(async () => {
      expect((await resend(id, async () => null, later(1))).ok).toBe(true);
    });
    expect(alone).toBe(SEND_TRIPS);
    const admit: SendRequest["admit"] = async (c) => {
      const decision = await limiter.consume(
        [{ name: "phone", id: c.phone + c.id, max: 1, windowSeconds: 3600 }],
        Date.now(),
      );
      return decision.ok ? null : refuse("PHONE_SEND_LIMIT");
    };
    const limited = await trips(async () => {
      expect((await resend(id, admit, later(2))).ok).toBe(true);
    });
    expect(limited).toBe(SEND_WITH_LIMITS_TRIPS);
    const refused = await trips(async () => {
      expect(await resend(id, admit, later(3))).toMatchObject({
        error: "PHONE_SEND_LIMIT",
      });
    });
    expect(refused).toBe(REFUSED_SEND_TRIPS);
  });
});
