import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as otpVerify } from "@/app/api/otp/verify/route";
import { getDb } from "@/lib/db";
import { rememberDevice } from "@/lib/devices/records";
import { ERRORS } from "@/lib/errors";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { SENDS_PER_PHONE_PER_HOUR } from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { NOTICES, noticeEmail, noticeText } from "@/lib/notices/catalogue";
import { getSessionStore, startSession } from "@/lib/sessions";
import { getChallengeStore } from "@/lib/store";
import {
  postAsBrowser,
  signInBrowser,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { codeFromSmsText } from "@/test/support/messenger";
import {
  clearBrowser,
  cookieJar,
  jsonRequest,
} from "@/test/support/next-request";
import { REFUSED_NUMBERS } from "@/test/support/refused-numbers";
import { randomMobile } from "@/test/support/phones";
import { POST as start } from "./phone/route";
import { POST as send } from "./phone/send/route";
import { POST as confirm } from "./phone/verify/route";
import { createTestAccount } from "@/test/support/accounts";
import { withoutLockDownLink } from "@/test/support/lock-down-link";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Behind one trusted proxy, so each test's client address is its own.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
});

// "Change phone number" through the real routes, Postgres and the embedded stores: a fresh second
// factor first, the new number proven by its own code before anything changes, another account's
// number refused only after that, and afterwards the old number and a verified address told,
// remembered devices forgotten, the trail written and the new number the one sign-in texts.

const PASSWORD = "a long enough password";
const mobile = () => randomMobile("+3367");
let addresses = 0;
const newAddress = () => `203.0.113.${addresses++ % 256}`;

async function person(opts: { emailVerified?: boolean } = {}) {
  const email = `c${randomInt(1e9)}@example.com`;
  const phone = mobile();
  return createTestAccount({
    email,
    phone,
    password: PASSWORD,
    emailVerified: opts.emailVerified ?? false,
  });
}

/** This browser, signed in as `p` (second factor `minutesAgo`), posting from one address. */
async function browserOf(
  p: { id: string; email: string },
  minutesAgo = 0,
  ip = newAddress(),
) {
  await signInBrowser(p.id, p.email, minutesAgo);
  return (handler: (r: Request) => Promise<Response>, body: object) =>
    postAsBrowser(handler, "/api/account/phone", body, ip);
}

const latestCode = (to: string) => codeFromSmsText(listOutbox(to)[0]!.text);
const wrongCodeFor = (to: string) =>
  String((Number(latestCode(to)) + 1) % 1_000_000).padStart(6, "0");

async function numberOnFile(userId: string) {
  const db = await getDb();
  const phones = await db.phone.findMany({ where: { userId } });
  return phones.map((p) => p.verifiedNumber);
}

async function events(userId: string, type: "phone_changed" | "code_failed") {
  const db = await getDb();
  return db.authEvent.count({ where: { userId, type } });
}

setUpAccountRouteSuite();

describe("changing the phone number", () => {
  it("needs a second factor from the last 10 minutes, to start and to finish", async () => {
    const p = await person();
    const fresh = FRESH_SECOND_FACTOR_SECONDS / 60;
    const stale = await browserOf(p, fresh + 1);
    const next = mobile();
    expect(await stale(start, { phone: next })).toMatchObject({
      status: 403,
      json: { error: { code: "REAUTH_REQUIRED" } },
    });
    expect(listOutbox(next)).toEqual([]);

    const post = await browserOf(p);
    expect((await post(start, { phone: next })).status).toBe(200);
    await signInBrowser(p.id, p.email, fresh + 1); // the same browser, its session gone stale
    expect(await post(confirm, { code: latestCode(next) })).toMatchObject({
      status: 403,
      json: { error: { code: "REAUTH_REQUIRED" } },
    });
    expect(await numberOnFile(p.id)).toEqual([p.phone]);
  });

  it("refuses a visitor who is not signed in", async () => {
    const answer = await postAsBrowser(
      start,
      "/api/account/phone",
      { phone: mobile() },
      newAddress(),
    );
    expect(answer).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
  });

  it("refuses what a sign-up refuses (toll-free, premium, VoIP, invalid) and the number on file, sending nothing", async () => {
    const p = await person();
    const post = await browserOf(p);
    for (const { number } of REFUSED_NUMBERS.slice(0, 5)) {
      const answer = await post(start, { phone: number });
      expect(answer.status).toBe(422);
      expect(answer.json.error.code).toMatch(/NUMBER_NOT_ALLOWED|INVALID/);
      expect(answer.json.error.fields?.phone).toBeTruthy();
      expect(listOutbox(number)).toEqual([]);
    }
    expect(await post(start, { phone: "12" })).toMatchObject({
      status: 400,
      json: {
        error: {
          code: "INVALID_INPUT",
          fields: { phone: ERRORS.INVALID_PHONE.message },
        },
      },
    });
    expect(await post(start, { phone: p.phone })).toMatchObject({
      status: 400,
      json: { error: { code: "SAME_PHONE" } },
    });
    expect(listOutbox(p.phone)).toEqual([]);
  });

  it("changes nothing before the code, then swaps the number, tells the old one and the verified address, forgets devices and audits", async () => {
    const p = await person({ emailVerified: true });
    await rememberDevice(p.id, { userAgent: "Chrome" });
    const other = await startSession(p.id);
    const post = await browserOf(p);
    const next = mobile();

    const started = await post(start, { phone: next });
    expect(started.status).toBe(200);
    expect(started.json.challenge).toMatchObject({
      purpose: "phone-change",
      maskedPhone: `+33 ••• ${next.slice(-4)}`,
      lastChannel: "sms",
    });
    expect(JSON.stringify(started.json)).not.toContain(next);
    expect(await numberOnFile(p.id)).toEqual([p.phone]);

    const done = await post(confirm, { code: latestCode(next) });
    expect(done).toEqual({
      status: 200,
      json: { ok: true, maskedPhone: `+33 ••• ${next.slice(-4)}` },
    });
    expect(await numberOnFile(p.id)).toEqual([next]);
    const told = NOTICES.phoneChanged(next.slice(-4));
    expect(listOutbox(p.phone).map((m) => m.text)).toEqual([noticeText(told)]);
    expect(noticeText(told)).not.toMatch(/\d|https?:|www\./);
    const [mail] = listOutbox(p.email);
    const { subject, text } = noticeEmail(told);
    expect(mail).toMatchObject({ channel: "email", subject });
    expect(mail!.text).toContain(`ending in ${next.slice(-4)}`);
    // The notice's own words, then its one link: "This wasn't me", which signs no one in.
    const rest = withoutLockDownLink(mail!.text);
    expect(rest.startsWith(text)).toBe(true);
    expect(rest).not.toMatch(/https?:\/\//);
    const db = await getDb();
    expect(await db.rememberedDevice.count({ where: { userId: p.id } })).toBe(
      0,
    );
    expect(await events(p.id, "phone_changed")).toBe(1);
    const live = await getSessionStore().listSessions(p.id, Date.now());
    expect(live.map((s) => s.id)).not.toContain(other.id);
    expect(cookieJar.has("twostep_phone_change")).toBe(false);
  });

  it("changes the number once when the right code arrives twice at once", async () => {
    const p = await person();
    const post = await browserOf(p);
    const next = mobile();
    await post(start, { phone: next });
    const code = latestCode(next);
    const both = await Promise.all([
      post(confirm, { code }),
      post(confirm, { code }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(await numberOnFile(p.id)).toEqual([next]);
    expect(await events(p.id, "phone_changed")).toBe(1);
    expect(listOutbox(p.phone)).toHaveLength(1);
  });

  it("emails no notice to an address that is not verified", async () => {
    const p = await person();
    const post = await browserOf(p);
    const next = mobile();
    await post(start, { phone: next });
    expect((await post(confirm, { code: latestCode(next) })).status).toBe(200);
    expect(listOutbox(p.email)).toEqual([]);
    expect(listOutbox(p.phone)).toHaveLength(1);
  });

  it("answers alike for another account's number until the right code, then refuses it and changes nothing", async () => {
    const owner = await person();
    const p = await person({ emailVerified: true });
    const post = await browserOf(p);

    const free = mobile();
    const forFree = await post(start, { phone: free });
    const forTaken = await post(start, { phone: owner.phone });
    expect(forTaken.status).toBe(forFree.status);
    const shape = (j: { challenge: object }) => ({
      ...j,
      challenge: { ...j.challenge, maskedPhone: "" },
    });
    expect(shape(forTaken.json)).toEqual(shape(forFree.json));
    // A wrong code is answered as for any number.
    const wrong = await post(confirm, { code: wrongCodeFor(owner.phone) });
    expect(wrong).toMatchObject({
      status: 400,
      json: { error: { code: "WRONG_CODE", attemptsLeft: 4 } },
    });

    const right = await post(confirm, { code: latestCode(owner.phone) });
    expect(right).toMatchObject({
      status: 409,
      json: { error: { code: "PHONE_TAKEN" } },
    });
    expect(await numberOnFile(p.id)).toEqual([p.phone]);
    expect(await numberOnFile(owner.id)).toEqual([owner.phone]);
    expect(await events(p.id, "phone_changed")).toBe(0);
    expect(listOutbox(p.phone)).toEqual([]);
    expect(listOutbox(p.email)).toEqual([]);
    // The challenge is spent: the same code cannot be tried again.
    expect(
      (await post(confirm, { code: latestCode(owner.phone) })).json.error.code,
    ).toBe("NO_CHALLENGE");
  });

  it("counts wrong codes toward the lockout, which then pauses sign-in codes from that client too", async () => {
    const p = await person();
    const address = newAddress();
    const post = await browserOf(p, 0, address);
    for (let round = 0; round < 2; round++) {
      const next = mobile();
      expect((await post(start, { phone: next })).status).toBe(200);
      for (let i = 0; i < 5; i++)
        await post(confirm, { code: wrongCodeFor(next) });
    }
    expect(await events(p.id, "code_failed")).toBeGreaterThanOrEqual(8);
    expect(await numberOnFile(p.id)).toEqual([p.phone]);
    clearBrowser();
    const signIn = await login(
      jsonRequest(
        "/api/login",
        { email: p.email, password: PASSWORD },
        { ip: address },
      ),
    );
    expect(signIn.status).toBe(429);
    expect((await signIn.json()).error.code).toBe("ACCOUNT_LOCKED");
    // No sign-in code went out; the phone on file hears only of the pause (lib/notices).
    const texts = listOutbox(p.phone).map((m) => m.text);
    expect(texts).toEqual([noticeText(NOTICES.accountLocked(60))]);
  });

  it("counts every code to the new number against the limits of an unproven number", async () => {
    const p = await person();
    const post = await browserOf(p);
    const next = mobile();
    for (let i = 0; i < SENDS_PER_PHONE_PER_HOUR; i++)
      expect((await post(start, { phone: next })).status).toBe(200);
    expect(await post(start, { phone: next })).toMatchObject({
      status: 429,
      json: { error: { code: "PHONE_SEND_LIMIT" } },
    });
    expect(listOutbox(next)).toHaveLength(SENDS_PER_PHONE_PER_HOUR);
  });

  it("calls the new number instead when asked, for this browser's own challenge only", async () => {
    const p = await person();
    const post = await browserOf(p);
    const next = mobile();
    await post(start, { phone: next });
    const called = await post(send, { channel: "voice" });
    expect(called.status).toBe(200);
    expect(called.json.challenge.lastChannel).toBe("voice");
    expect(listOutbox(next)[0]!.channel).toBe("voice");

    const stranger = await person();
    await signInBrowser(stranger.id, stranger.email); // same browser, someone else's session
    expect((await post(send, { channel: "sms" })).json.error.code).toBe(
      "NO_CHALLENGE",
    );
    expect((await post(confirm, { code: "123456" })).json.error.code).toBe(
      "NO_CHALLENGE",
    );
  });

  it("makes the new number the one sign-in texts", async () => {
    const p = await person();
    const post = await browserOf(p);
    const next = mobile();
    await post(start, { phone: next });
    expect((await post(confirm, { code: latestCode(next) })).status).toBe(200);

    clearBrowser();
    const ip = newAddress();
    const signIn = await login(
      jsonRequest("/api/login", { email: p.email, password: PASSWORD }, { ip }),
    );
    expect(signIn.status).toBe(200);
    expect(listOutbox(p.phone)).toHaveLength(1); // only the notice, no code
    const verified = await otpVerify(
      jsonRequest("/api/otp/verify", { code: latestCode(next) }, { ip }),
    );
    expect(verified.status).toBe(200);
    const id = cookieJar.get("twostep_challenge")!;
    expect(await getChallengeStore().redeemChallenge(id)).toMatchObject({
      userId: p.id,
      phone: next,
    });
  });
});
