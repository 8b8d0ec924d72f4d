import { randomInt } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as verifyCode } from "@/app/api/otp/verify/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { POST as startReset } from "@/app/api/password/reset/start/route";
import { findVerifiedPhone } from "@/lib/account/phone";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { FAILURE_POLICY } from "@/lib/challenge/verify";
import { getDb } from "@/lib/db";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { completeDueRecovery } from "@/lib/steps/recover-account";
import { getChallengeStore } from "@/lib/store";
import { createTestAccount } from "@/test/support/accounts";
import {
  postAsBrowser,
  SESSION_COOKIE,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { accountContext, testContext } from "@/test/support/context";
import { switchOff as switchAccountOff } from "@/lib/steps/console-actions";
import { lockDownFromAccount } from "@/lib/steps/lock-down";
import { codeFromSmsText } from "@/test/support/messenger";
import { createNextAuthClient } from "@/test/support/next-auth";
import { clearBrowser, cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as cancel } from "./cancel/route";
import { POST as confirm } from "./confirm/route";
import { POST as newPhone } from "./phone/route";
import { POST as ask } from "./route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Lost your phone and codes?" through the real routes, and the people it must not help: whoever
// holds only the password, only the mailbox, or both while the owner still signs in. The waiting
// period is crossed by moving the clock (Date), never by anything a request can say.

const PASSWORD = "a long enough password";
const HOUR = 3_600_000;
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);
const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object = {},
) => postAsBrowser(handler, path, body, "198.51.100.61");

setUpAccountRouteSuite();
afterEach(() => vi.useRealTimers());

async function owner() {
  return createTestAccount({
    email: `lost-${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3362"),
    password: PASSWORD,
    emailVerified: true,
  });
}

const at = (ms: number) =>
  vi.useFakeTimers({ toFake: ["Date"], now: ms, shouldAdvanceTime: true });

/** A new browser's password step; the number its code went to, if one went. */
async function passwordStep(p: { email: string }) {
  clearBrowser();
  const reply = await post(login, "/api/login", {
    email: p.email,
    password: PASSWORD,
  });
  expect(reply.status).toBe(200);
}

const emailsTo = (email: string) => listOutbox(email);
const recoveryToken = (email: string) =>
  emailsTo(email)
    .map((m) => m.text.match(/\/recover#token=([\w-]{43})/)?.[1])
    .find(Boolean);
const cancelToken = (email: string) =>
  emailsTo(email)
    .map((m) => m.text.match(/\/recover\/cancel#token=([\w-]{43})/)?.[1])
    .find(Boolean);
const lastCode = (phone: string) => codeFromSmsText(listOutbox(phone)[0]!.text);

/** Everything a recovery needs, from the code step of a browser whose password step passed. */
async function recover(p: { email: string }, phone: string) {
  expect(await post(ask, "/api/recovery")).toEqual({
    status: 200,
    json: { ok: true },
  });
  const token = recoveryToken(p.email)!;
  const sent = await post(newPhone, "/api/recovery/phone", { token, phone });
  expect(sent.status).toBe(200);
  const done = await post(confirm, "/api/recovery/confirm", {
    token,
    code: lastCode(phone),
  });
  expect(done.status).toBe(200);
  return new Date(done.json.completesAt as string);
}

/** The owner signs in with the phone the account has: password, texted code, next-auth. */
async function ownerSignsIn(p: { email: string; phone: string }) {
  await passwordStep(p);
  const code = lastCode(p.phone);
  expect((await post(verifyCode, "/api/otp/verify", { code })).status).toBe(
    200,
  );
  const { cookie } = await nextAuth.signIn(
    cookieJar.get(challengeCookieName())!,
  );
  expect(cookie).toBeTruthy();
}

/** 100 wrong authenticator codes in a row, each after the pause before it: sign-in by code is off. */
async function switchOff(userId: string) {
  const store = getChallengeStore();
  let now = Date.now();
  for (let round = 0; round < 20; round++) {
    now += 2 * HOUR;
    const id = newChallengeId("login", `user:${userId}`);
    const opened = await store.startChallenge(
      {
        id,
        purpose: "login",
        userId,
        pendingEmail: null,
        pendingPasswordHash: null,
        phone: "+33612345678",
        createdAt: now,
        factors: ["totp"],
      },
      CHALLENGE_TTL_SECONDS,
      null,
    );
    expect(opened.ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      now += 2 * HOUR;
      await store.recordFactorResult(id, null, now, FAILURE_POLICY);
    }
  }
}

const recoveryRow = async (userId: string) =>
  (await getDb()).accountRecovery.findUnique({ where: { userId } });

describe("lost your phone and codes", () => {
  it("proves the password, the verified address and a new phone; tells the old phone and the address; replaces the phone only after the wait", async () => {
    const p = await owner();
    const start = Date.now();
    at(start);
    await passwordStep(p);
    const newNumber = randomMobile("+3368");
    const completesAt = await recover(p, newNumber);
    expect(completesAt.getTime() - start).toBeGreaterThanOrEqual(72 * HOUR);
    expect(completesAt.getTime() - start).toBeLessThan(72 * HOUR + 60_000);
    // Told at once, with when it completes; the email carries the one way to cancel by link.
    const told = listOutbox(p.phone)[0]!.text;
    expect(told).toContain("recovery");
    expect(told).toContain(completesAt.getUTCFullYear().toString());
    expect(cancelToken(p.email)).toBeTruthy();
    const db = await getDb();
    const types = (
      await db.authEvent.findMany({ where: { userId: p.id } })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["recovery_requested", "recovery_started"]),
    );

    // One minute short of the wait, a password step changes nothing: its code goes to the old phone.
    at(completesAt.getTime() - 60_000);
    await passwordStep(p);
    expect(await findVerifiedPhone(p.id)).toBe(p.phone);
    expect(await recoveryRow(p.id)).not.toBeNull();

    // After it, the next password step completes it: the new phone gets the code.
    at(completesAt.getTime() + 1000);
    const texts = listOutbox(newNumber).length;
    await passwordStep(p);
    expect(await findVerifiedPhone(p.id)).toBe(newNumber);
    expect(listOutbox(newNumber).length).toBe(texts + 2); // the notice, then the code
    expect(await recoveryRow(p.id)).toBeNull();
    const code = lastCode(newNumber);
    expect((await post(verifyCode, "/api/otp/verify", { code })).status).toBe(
      200,
    );
    const { cookie } = await nextAuth.signIn(
      cookieJar.get(challengeCookieName())!,
    );
    expect(cookie).toContain(SESSION_COOKIE);
  });

  it("completes once when two sign-ins after the wait race", async () => {
    const p = await owner();
    await passwordStep(p);
    const completesAt = await recover(p, randomMobile("+3368"));
    const later = { ...testContext(), now: () => completesAt.getTime() + 1 };
    const results = await Promise.all([
      completeDueRecovery(later, p.id),
      completeDueRecovery(later, p.id),
      completeDueRecovery(later, p.id),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const db = await getDb();
    expect(
      await db.authEvent.count({
        where: { userId: p.id, type: "recovery_completed" },
      }),
    ).toBe(1);
  });

  it("never completes for someone who holds only the password: the link goes to the owner's mailbox", async () => {
    const p = await owner();
    const start = Date.now();
    await passwordStep(p);
    expect((await post(ask, "/api/recovery")).status).toBe(200);
    // Without the mailbox, a made-up link goes nowhere.
    const guessed = "A".repeat(43);
    expect(
      await post(newPhone, "/api/recovery/phone", {
        token: guessed,
        phone: randomMobile("+3368"),
      }),
    ).toMatchObject({
      status: 410,
      json: { error: { code: "RECOVERY_LINK_INVALID" } },
    });
    at(start + 100 * HOUR);
    await passwordStep(p);
    expect(await findVerifiedPhone(p.id)).toBe(p.phone);
    expect(await recoveryRow(p.id)).toBeNull();
  });

  it("never starts for someone who holds only the mailbox: a reset's code step is not a sign-in's", async () => {
    const p = await owner();
    clearBrowser();
    expect(
      (await post(forgot, "/api/password/forgot", { email: p.email })).status,
    ).toBe(200);
    const resetToken = emailsTo(p.email)
      .map((m) => m.text.match(/#token=([\w-]{43})/)?.[1])
      .find(Boolean)!;
    expect(
      (
        await post(startReset, "/api/password/reset/start", {
          token: resetToken,
        })
      ).status,
    ).toBe(200);
    expect(cookieJar.get(challengeCookieName())).toMatch(/^reset-/);
    expect(await post(ask, "/api/recovery")).toMatchObject({
      status: 401,
      json: { error: { code: "NO_CHALLENGE" } },
    });
    expect(recoveryToken(p.email)).toBeUndefined();
  });

  it("never completes for someone who holds the password and the mailbox while the owner signs in", async () => {
    const p = await owner();
    const start = Date.now();
    await passwordStep(p);
    const completesAt = await recover(p, randomMobile("+3368"));
    // The owner, who still has the phone, signs in during the wait: that cancels it.
    at(start + 24 * HOUR);
    await ownerSignsIn(p);
    expect(await recoveryRow(p.id)).toBeNull();
    const db = await getDb();
    const cancelled = await db.authEvent.findFirst({
      where: { userId: p.id, type: "recovery_cancelled" },
    });
    expect(cancelled?.detail).toEqual({ by: "sign-in" });
    at(completesAt.getTime() + HOUR);
    await passwordStep(p);
    expect(await findVerifiedPhone(p.id)).toBe(p.phone);
  });

  it("never starts from a code step opened before the owner locked the account down", async () => {
    const p = await owner();
    // The stranger with the password reaches the code step; its text alarms the owner.
    await passwordStep(p);
    expect(await lockDownFromAccount(accountContext(p))).toEqual({ ok: true });
    const asked = await post(ask, "/api/recovery");
    expect(asked.status).not.toBe(200);
    expect(recoveryToken(p.email)).toBeUndefined();
  });

  it("ends when an operator switches the account off, and no completion follows", async () => {
    const p = await owner();
    const start = Date.now();
    await passwordStep(p);
    const completesAt = await recover(p, randomMobile("+3368"));
    expect(
      await switchAccountOff(accountContext(p), {
        userId: p.id,
        reason: "Ticket 12: the owner reports a takeover",
      }),
    ).toEqual({ ok: true });
    expect(await recoveryRow(p.id)).toBeNull();
    const db = await getDb();
    const cancelled = await db.authEvent.findFirst({
      where: { userId: p.id, type: "recovery_cancelled" },
    });
    expect(cancelled?.detail).toEqual({ by: "switch-off" });
    at(Math.max(start, completesAt.getTime()) + HOUR);
    clearBrowser();
    await post(login, "/api/login", { email: p.email, password: PASSWORD });
    expect(await findVerifiedPhone(p.id)).toBe(p.phone);
  });

  it("is cancelled by its link once; the link signs no one in", async () => {
    const p = await owner();
    await passwordStep(p);
    const completesAt = await recover(p, randomMobile("+3368"));
    clearBrowser();
    const token = cancelToken(p.email)!;
    expect(await post(cancel, "/api/recovery/cancel", { token })).toEqual({
      status: 200,
      json: { ok: true },
    });
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false);
    expect(cookieJar.has(challengeCookieName())).toBe(false);
    expect(await post(cancel, "/api/recovery/cancel", { token })).toMatchObject(
      { status: 410, json: { error: { code: "RECOVERY_NOT_PENDING" } } },
    );
    at(completesAt.getTime() + HOUR);
    await passwordStep(p);
    expect(await findVerifiedPhone(p.id)).toBe(p.phone);
  });

  it("brings back an account switched off after 100 wrong codes the same way, and switches it back on", async () => {
    const p = await owner();
    await switchOff(p.id);
    // The password step leads to a code step that accepts nothing: only the recovery is left.
    await passwordStep(p);
    expect(cookieJar.get(challengeCookieName())).toMatch(/^login-/);
    const newNumber = randomMobile("+3368");
    const completesAt = await recover(p, newNumber);
    at(completesAt.getTime() + 1000);
    await passwordStep(p);
    expect(await findVerifiedPhone(p.id)).toBe(newNumber);
    const code = lastCode(newNumber);
    expect((await post(verifyCode, "/api/otp/verify", { code })).status).toBe(
      200,
    );
    const { cookie } = await nextAuth.signIn(
      cookieJar.get(challengeCookieName())!,
    );
    expect(cookie).toContain(SESSION_COOKIE);
  });

  it("asks for a verified address: an unproven one cannot prove the account is theirs", async () => {
    const p = await createTestAccount({
      email: `lost-${randomInt(1e9)}@example.com`,
      phone: randomMobile("+3368"),
      password: PASSWORD,
    });
    await passwordStep(p);
    expect(await post(ask, "/api/recovery")).toMatchObject({
      status: 403,
      json: { error: { code: "RECOVERY_NEEDS_EMAIL" } },
    });
    expect(recoveryToken(p.email)).toBeUndefined();
  });
});
