import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import { MessagingError } from "@/lib/messaging/types";
import {
  clearOutbox,
  createOutboxMessenger,
  listOutbox,
} from "@/lib/messaging/outbox";
import { refuse } from "@/lib/errors";
import type {
  ChallengePurpose,
  ChallengeStore,
  Channel,
} from "@/lib/store/types";
import {
  codeFromSmsText,
  codeFromSpokenText,
  createRecordingMessenger,
} from "@/test/support/messenger";
import {
  createTestUpstash,
  roundTripsOf,
  startTestUpstash,
} from "@/test/support/redis";
import { runRedisCommand } from "@/test/support/upstash-raw";
import { generateCode, hashCode } from "./code";
import { newChallengeId } from "./id";
import {
  CHALLENGE_TTL_SECONDS,
  CODE_DIGITS,
  CODE_TTL_SECONDS,
  MAX_SENDS,
  MAX_WRONG_ATTEMPTS,
  RESEND_COOLDOWN_SECONDS,
} from "./policy";
import { sendCode, type SendContext } from "./send";
import { checkCode } from "./verify";
import { takeCallCode } from "./voice-call";

// The second factor end to end through its real code paths, against real Redis (Lua scripts run
// inside redis-server behind the Upstash REST protocol). Times go through the `now` parameters.

const APP_URL = "https://twostep.example";
const SECOND = 1000;
const AFTER_COOLDOWN = (RESEND_COOLDOWN_SECONDS + 1) * SECOND;

let server: UpstashRestServer;
let prefix: string;
let store: ChallengeStore;
let phoneSeq = 0;

beforeAll(async () => {
  server = await startTestUpstash();
});
afterAll(() => server.close());
beforeEach(() => {
  ({ store, prefix } = createTestUpstash(server, "challenge"));
  clearOutbox();
});

const nextPhone = () => `+1415555${String(1000 + ++phoneSeq).slice(-4)}`;

/** What sending uses, its clock stopped at `now` when given. */
function deps(
  overrides: { now?: number; messenger?: SendContext["messenger"] } = {},
): SendContext {
  const { now, ...ports } = overrides;
  return {
    store,
    messenger: createOutboxMessenger(),
    appUrl: APP_URL,
    now: now === undefined ? Date.now : () => now,
    ...ports,
  };
}

/**
 * Starts a challenge the way sign-up and the password step do: created with its first code in one
 * store round trip, through sendCode. No limits here (admit says yes): they have their own suites.
 */
async function startChallenge(
  options: {
    purpose?: ChallengePurpose;
    channel?: Channel;
    now?: number;
    messenger?: SendContext["messenger"];
  } = {},
) {
  const { purpose = "login", channel = "sms", now, messenger } = options;
  const phone = nextPhone();
  const id = newChallengeId(purpose, `user:${purpose}-${phone}`);
  const challenge = {
    id,
    purpose,
    userId: purpose === "login" ? "user-1" : null,
    pendingEmail: purpose === "signup" ? "a@b.c" : null,
    pendingPasswordHash: purpose === "signup" ? "h" : null,
    phone,
    createdAt: now ?? Date.now(),
  };
  const d = deps({ now, ...(messenger && { messenger }) });
  const outcome = await sendCode(d, {
    id,
    channel,
    issue: (req) => store.startChallenge(challenge, CHALLENGE_TTL_SECONDS, req),
    admit: async () => null,
  });
  return { id, phone, outcome };
}

/** "Resend code" or "Call me instead" on an existing challenge. */
function resend(
  d: SendContext,
  id: string,
  channel: Channel,
  admit: () => Promise<ReturnType<typeof refuse> | null> = async () => null,
) {
  return sendCode(d, {
    id,
    channel,
    issue: (req) => store.issueCode(id, req),
    admit,
  });
}

/** The code of the latest text to `phone`, as the person reads it. */
const lastCode = (phone: string) => codeFromSmsText(listOutbox(phone)[0]!.text);

/** Starts a challenge by text through the outbox; returns it and the code the person reads. */
async function newChallenge(purpose: ChallengePurpose = "login", now?: number) {
  const { id, phone, outcome } = await startChallenge({ purpose, now });
  expect(outcome).toMatchObject({ ok: true });
  return { id, phone, code: lastCode(phone) };
}

/** Sends another code by SMS and returns it. */
async function sendSms(id: string, phone: string, now = Date.now()) {
  expect(await resend(deps({ now }), id, "sms")).toMatchObject({ ok: true });
  return lastCode(phone);
}

const verifyCode = checkCode;

const otherCode = (code: string) =>
  String((Number(code) + 1) % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, "0");

describe("verifying a code", () => {
  it.each<ChallengePurpose>(["signup", "login"])(
    "accepts 20 simultaneous correct entries for a %s challenge exactly once",
    async (purpose) => {
      const { id, code } = await newChallenge(purpose);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => verifyCode(store, id, code)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refusals = results.filter((r) => !r.ok).map((r) => r.error);
      expect(refusals).toEqual(Array(19).fill("ALREADY_VERIFIED"));
    },
  );

  it("accepts the right code once and refuses it the second time", async () => {
    const { id, code } = await newChallenge();
    const first = await verifyCode(store, id, code);
    expect(first.ok && first.challenge.status).toBe("verified");
    expect(await verifyCode(store, id, code)).toMatchObject({
      ok: false,
      error: "ALREADY_VERIFIED",
    });
  });

  it("uses exactly one store round trip per check, right or wrong", async () => {
    const { id, code } = await newChallenge();
    for (const attempt of [otherCode(code), otherCode(code), code]) {
      const trips = await roundTripsOf(server, () =>
        verifyCode(store, id, attempt),
      );
      expect(trips).toBe(1);
    }
  });

  it("refuses a code once its lifetime has passed, as expired", async () => {
    const t0 = Date.now();
    const { id, code } = await newChallenge("login", t0);
    const expiresAt = t0 + CODE_TTL_SECONDS * SECOND;
    expect((await store.getChallenge(id))?.codeExpiresAt).toBe(expiresAt);
    expect(await verifyCode(store, id, code, expiresAt)).toMatchObject({
      ok: false,
      error: "CODE_EXPIRED",
    });
    expect(await verifyCode(store, id, code, expiresAt - 1)).toMatchObject({
      ok: true,
    });
  });

  it("refuses a code from before the last resend", async () => {
    const t0 = Date.now();
    const { id, phone, code: old } = await newChallenge("login", t0);
    const fresh = await sendSms(id, phone, t0 + AFTER_COOLDOWN);
    if (old === fresh) return; // one chance in a million: nothing to tell apart
    const result = await verifyCode(store, id, old, t0 + AFTER_COOLDOWN);
    expect(result).toMatchObject({ ok: false, error: "WRONG_CODE" });
    expect(await verifyCode(store, id, fresh)).toMatchObject({ ok: true });
  });
});

describe("the attempt cap", () => {
  it(`locks the challenge after ${MAX_WRONG_ATTEMPTS} wrong codes, so the right one fails afterwards`, async () => {
    const { id, code } = await newChallenge();
    const wrong = otherCode(code);
    for (let left = MAX_WRONG_ATTEMPTS - 1; left > 0; left--) {
      expect(await verifyCode(store, id, wrong)).toEqual({
        ok: false,
        error: "WRONG_CODE",
        attemptsLeft: left,
        userId: "user-1",
        counted: true,
      });
    }
    expect(await verifyCode(store, id, wrong)).toEqual({
      ok: false,
      error: "TOO_MANY_ATTEMPTS",
      attemptsLeft: 0,
      userId: "user-1",
      counted: true,
    });
    expect(await verifyCode(store, id, code)).toMatchObject({
      ok: false,
      error: "TOO_MANY_ATTEMPTS",
      counted: false,
    });
    expect((await store.getChallenge(id))?.status).toBe("locked");
  });

  it("keeps counting wrong codes across resends", async () => {
    const t0 = Date.now();
    const { id, phone, code: first } = await newChallenge("login", t0);
    for (let i = 0; i < 3; i++)
      await verifyCode(store, id, otherCode(first), t0);
    const second = await sendSms(id, phone, t0 + AFTER_COOLDOWN);
    const later = t0 + AFTER_COOLDOWN;
    expect(await verifyCode(store, id, otherCode(second), later)).toMatchObject(
      { error: "WRONG_CODE", attemptsLeft: 1 },
    );
    expect(await verifyCode(store, id, otherCode(second), later)).toMatchObject(
      { error: "TOO_MANY_ATTEMPTS", attemptsLeft: 0 },
    );
    expect(await verifyCode(store, id, second, later)).toMatchObject({
      ok: false,
      error: "TOO_MANY_ATTEMPTS",
    });
  });

  it("refuses to send a new code to a locked challenge", async () => {
    const t0 = Date.now();
    const { id, phone, code } = await newChallenge("login", t0);
    for (let i = 0; i < MAX_WRONG_ATTEMPTS; i++)
      await verifyCode(store, id, otherCode(code), t0);
    const again = await resend(deps({ now: t0 + AFTER_COOLDOWN }), id, "sms");
    expect(again).toMatchObject({ ok: false, error: "TOO_MANY_ATTEMPTS" });
    expect(listOutbox(phone)).toHaveLength(1);
  });

  it("says when the account's codes are paused once its wrong codes in a row reach the lock", async () => {
    const t0 = Date.now();
    const { id, code } = await newChallenge("login", t0);
    const account = id.slice(id.indexOf(".") + 1);
    for (let i = 0; i < MAX_WRONG_ATTEMPTS; i++)
      await verifyCode(store, id, otherCode(code), t0);
    // A second challenge of the same account (the part after the dot), started before the lock.
    const phone = nextPhone();
    const second = `${newChallengeId("login", "another").split(".")[0]}.${account}`;
    const started = await sendCode(deps({ now: t0 }), {
      id: second,
      channel: "sms",
      issue: (req) =>
        store.startChallenge(
          {
            id: second,
            purpose: "login",
            userId: "user-1",
            pendingEmail: null,
            pendingPasswordHash: null,
            phone,
            createdAt: t0,
          },
          CHALLENGE_TTL_SECONDS,
          req,
        ),
      admit: async () => null,
    });
    expect(started).toMatchObject({ ok: true });
    const right = lastCode(phone);
    for (let i = 0; i < MAX_WRONG_ATTEMPTS - 1; i++)
      expect(
        await verifyCode(store, second, otherCode(right), t0),
      ).toMatchObject({ error: "WRONG_CODE" });
    expect(await verifyCode(store, second, otherCode(right), t0)).toEqual({
      ok: false,
      error: "ACCOUNT_LOCKED",
      attemptsLeft: 0,
      retryAfterSeconds: 60,
      userId: "user-1",
      counted: true,
    });
  });
});

describe("the send limit", () => {
  it(`refuses a send after ${MAX_SENDS}, counting texts and calls together`, async () => {
    const t0 = Date.now();
    const { id, phone } = await newChallenge("login", t0);
    const messenger = createOutboxMessenger();
    const at = (i: number) => deps({ messenger, now: t0 + i * AFTER_COOLDOWN });
    expect(await resend(at(0), id, "voice")).toMatchObject({ ok: true });
    for (let i = 1; i <= MAX_SENDS - 2; i++)
      expect(await resend(at(i), id, "sms")).toMatchObject({ ok: true });
    expect((await store.getChallenge(id))?.sends).toBe(MAX_SENDS);
    const refused = await resend(at(MAX_SENDS), id, "sms");
    expect(refused).toMatchObject({ ok: false, error: "TOO_MANY_SENDS" });
    expect(listOutbox(phone)).toHaveLength(MAX_SENDS);
    expect(listOutbox(phone).map((e) => e.channel)).toContain("voice");
  });

  it("makes a text wait out the resend cooldown", async () => {
    const t0 = Date.now();
    const { id } = await newChallenge("login", t0);
    const early = await resend(deps({ now: t0 + SECOND }), id, "sms");
    expect(early).toEqual({
      ok: false,
      error: "RESEND_TOO_SOON",
      retryAfterSeconds: RESEND_COOLDOWN_SECONDS - 1,
    });
  });

  it("takes back a send the limits refuse: nothing goes out and the code already sent still works", async () => {
    const t0 = Date.now();
    const { id, phone, code } = await newChallenge("login", t0);
    const before = await store.getChallenge(id);
    const messenger = createRecordingMessenger();
    const later = deps({ messenger, now: t0 + AFTER_COOLDOWN });
    const limited = refuse("PHONE_SEND_LIMIT", { retryAfterSeconds: 1200 });
    for (const channel of ["sms", "voice"] as const)
      expect(await resend(later, id, channel, async () => limited)).toEqual(
        limited,
      );
    expect(messenger.sms).toHaveLength(0);
    expect(messenger.calls).toHaveLength(0);
    expect(await store.getChallenge(id)).toEqual(before);
    expect(listOutbox(phone)).toHaveLength(1);
    expect(
      await verifyCode(store, id, code, t0 + AFTER_COOLDOWN),
    ).toMatchObject({ ok: true });
  });
});

describe("codes", () => {
  it("are six digits, zero-padded, with every digit in every position", () => {
    const samples = 20_000;
    const counts = Array.from({ length: CODE_DIGITS }, () =>
      Array<number>(10).fill(0),
    );
    for (let i = 0; i < samples; i++) {
      const code = generateCode();
      expect(code).toMatch(/^\d{6}$/);
      [...code].forEach((d, pos) => counts[pos]![Number(d)]!++);
    }
    // Uniform: each digit ~2000 times per position (σ ≈ 42); a skewed generator lands far outside.
    const all = counts.flat();
    expect(Math.min(...all)).toBeGreaterThan(1700);
    expect(Math.max(...all)).toBeLessThan(2300);
  });
});

describe("what the store keeps", () => {
  it("never holds the plaintext code, only a hash bound to the challenge", async () => {
    const { id, code } = await newChallenge("signup");
    const raw = (await runRedisCommand(server, [
      "HGETALL",
      `${prefix}ch:${id}`,
    ])) as string[];
    expect(raw.length).toBeGreaterThan(0);
    for (const value of raw) expect(value).not.toContain(code);
    const stored = await store.getChallenge(id);
    expect(stored?.codeHash).toBe(hashCode(id, code));
    const other = await newChallenge("signup");
    expect(hashCode(other.id, code)).not.toBe(stored?.codeHash);
  });

  it("keeps a call's code only sealed, under a key that names neither code nor challenge", async () => {
    const messenger = createRecordingMessenger();
    const { id, outcome } = await startChallenge({
      channel: "voice",
      messenger,
    });
    expect(outcome).toMatchObject({ ok: true });
    const code = codeFromSpokenText(messenger.calls[0]!.spokenText);
    const keys = (await runRedisCommand(server, [
      "KEYS",
      `${prefix}*`,
    ])) as string[];
    for (const key of keys) expect(key).not.toContain(code);
    const callKeys = keys.filter((k) => k.startsWith(`${prefix}call:`));
    expect(callKeys).toHaveLength(1);
    expect(callKeys[0]).not.toContain(id);
    const sealed = await runRedisCommand(server, ["GET", callKeys[0]!]);
    expect(sealed).not.toContain(code);
  });
});

describe("delivery", () => {
  it("ends the SMS with the WebOTP line for the app's host", async () => {
    const { id, phone } = await newChallenge();
    const lines = listOutbox(phone)[0]!.text.split("\n");
    expect(lines.at(-1)).toMatch(/^@twostep\.example #\d{6}$/);
    const code = lines.at(-1)!.slice(-CODE_DIGITS);
    expect(await verifyCode(store, id, code)).toMatchObject({ ok: true });
  });

  it("gives the call an answer URL with neither the code nor the challenge id, good for one fetch", async () => {
    const messenger = createRecordingMessenger();
    const { id, phone } = await startChallenge({ channel: "voice", messenger });
    expect(messenger.calls).toHaveLength(1);
    const call = messenger.calls[0]!;
    expect(call.to).toBe(phone);
    const code = codeFromSpokenText(call.spokenText);
    expect(call.answerUrl).toMatch(
      /^https:\/\/twostep\.example\/api\/voice\/answer\?call=[\w-]+$/,
    );
    expect(call.answerUrl).not.toContain(code);
    expect(call.answerUrl).not.toContain(id);
    const token = new URL(call.answerUrl).searchParams.get("call")!;
    expect(await takeCallCode(store, `${token}x`)).toBeNull();
    expect(await takeCallCode(store, token)).toBe(code);
    expect(await takeCallCode(store, token)).toBeNull();
    expect(await verifyCode(store, id, code)).toMatchObject({ ok: true });
  });

  it("leaves the code already texted working when a later call cannot be placed", async () => {
    const t0 = Date.now();
    const { id, code: texted } = await newChallenge("login", t0);
    const down = createRecordingMessenger({
      fail: new MessagingError("network", "connect ECONNREFUSED"),
    });
    const call = await resend(
      deps({ messenger: down, now: t0 + SECOND }),
      id,
      "voice",
    );
    expect(call).toEqual({ ok: false, error: "PROVIDER_UNAVAILABLE" });
    expect(await verifyCode(store, id, texted, t0 + 2 * SECOND)).toMatchObject({
      ok: true,
    });
  });

  it("reports an unreachable provider, marks delivery failed, and keeps the challenge usable", async () => {
    const t0 = Date.now();
    const down = createRecordingMessenger({
      fail: new MessagingError("network", "connect ECONNREFUSED"),
    });
    const { id, phone, outcome } = await startChallenge({
      channel: "voice",
      messenger: down,
      now: t0,
    });
    expect(outcome).toEqual({ ok: false, error: "PROVIDER_UNAVAILABLE" });
    expect(down.calls).toHaveLength(1);
    const after = await store.getChallenge(id);
    expect(after).toMatchObject({
      delivery: "failed",
      status: "pending",
      sends: 1,
      codeHash: "",
    });
    // A failed delivery skips the text cooldown, so the person can retry at once.
    const code = await sendSms(id, phone, t0 + SECOND);
    expect(await verifyCode(store, id, code, t0 + SECOND)).toMatchObject({
      ok: true,
    });
  });
});
