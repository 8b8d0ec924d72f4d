import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { redeemSecondFactor } from "@/lib/auth/redeem";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { settleFactor } from "@/lib/challenge/verify";
import { getDb } from "@/lib/db";
import { rememberDevice } from "@/lib/devices/records";
import { setPasswordAfterReset } from "@/lib/account/email";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { hashPassword } from "@/lib/password/hash";
import { getSessionStore } from "@/lib/sessions";
import { requestEmailChange } from "@/lib/steps/change-email";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { getChallengeStore } from "@/lib/store";
import { createTestAccount } from "@/test/support/accounts";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { accountContext, testContext } from "@/test/support/context";
import { createRecordingMessenger } from "@/test/support/messenger";
import { jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as lockDownFromAccount } from "./account/lock-down/route";
import { POST as lockDownByLink } from "./lock-down/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "This wasn't me" through its real routes, Postgres, the session and code stores and the outbox:
// the link a real notice carries locks the account down once and signs no one in; the account then
// signs in again only after a reset. The attacks: the link used as a way in, used twice, and a
// second factor passed after the lock-down redeemed as a session.

const PASSWORD = "a long enough password 7";

async function person({ verified = true } = {}) {
  const phone = randomMobile("+3368");
  return createTestAccount({
    email: `lock${randomInt(1e9)}@example.com`,
    phone,
    password: PASSWORD,
    emailVerified: verified,
  });
}

/** A real notice (new recovery codes) and the lock-down link its email carries. */
async function noticeLink(who: { id: string; email: string }) {
  const ctx = accountContext(who, { messenger: createRecordingMessenger() });
  expect((await generateRecoveryCodeSet(ctx)).ok).toBe(true);
  const mail = listOutbox(who.email).find((m) =>
    m.text.includes("/lock-down#token="),
  );
  return mail!.text.match(/#token=([\w-]{43})/)![1]!;
}

async function confirm(token: string) {
  const response = await lockDownByLink(
    jsonRequest("/api/lock-down", { token }),
  );
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    cookies: response.headers.getSetCookie(),
  };
}

const live = async (userId: string) =>
  getSessionStore().listSessions(userId, Date.now());

/** A sign-in whose second factor passed: what a browser holds just before next-auth redeems it. */
async function passedSignIn(userId: string) {
  const store = getChallengeStore();
  const id = newChallengeId("login", `user:${userId}`);
  const opened = await store.startChallenge(
    {
      id,
      purpose: "login",
      userId,
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: "+33612345678",
      createdAt: Date.now(),
      factors: ["device"],
    },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  expect(opened.ok).toBe(true);
  expect((await settleFactor(store, id, "device", Date.now())).ok).toBe(true);
  return `${challengeCookieName()}=${id}`;
}

const passwordStep = (email: string) =>
  checkPasswordStep(testContext({ messenger: createRecordingMessenger() }), {
    email,
    password: PASSWORD,
  });

setUpAccountRouteSuite();

describe("a notice's lock-down link", () => {
  it("ends every session, forgets remembered devices and cancels a pending email change, and signs no one in", async () => {
    const who = await person();
    const token = await noticeLink(who);
    const [laptop, phone] = [
      await openBrowser(who.id),
      await openBrowser(who.id),
    ];
    await rememberDevice(who.id, {});
    const asked = accountContext(who, { sessionId: laptop.sid });
    expect((await requestEmailChange(asked, "thief@example.net")).ok).toBe(
      true,
    );

    const done = await confirm(token);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ ok: true });
    expect(done.cookies).toEqual([]);

    expect(await live(who.id)).toEqual([]);
    const db = await getDb();
    expect(await db.rememberedDevice.count({ where: { userId: who.id } })).toBe(
      0,
    );
    expect(
      await db.emailLink.count({
        where: { userId: who.id, purpose: "change_email", usedAt: null },
      }),
    ).toBe(0);
    const row = await db.authEvent.findFirst({
      where: { userId: who.id, type: "locked_down" },
    });
    expect(row?.detail).toMatchObject({ by: "link", sessionsEnded: 2 });
    expect(listOutbox(who.email)[0]!.subject).toBe(
      "Your Twostep account was locked down",
    );
    expect(listOutbox(who.phone)[0]!.text).toContain("locked down");
    // Both browsers are signed out: their cookies name sessions that no longer exist.
    for (const b of [laptop, phone])
      expect(
        (await postFrom(b, lockDownFromAccount, "/api/account/lock-down"))
          .status,
      ).toBe(401);
  });

  it("works once", async () => {
    const who = await person();
    const token = await noticeLink(who);
    expect((await confirm(token)).status).toBe(200);
    const again = await confirm(token);
    expect(again.status).toBe(410);
    expect(again.json).toMatchObject({ error: { code: "EMAIL_LINK_INVALID" } });
    expect(
      await (
        await getDb()
      ).authEvent.count({ where: { userId: who.id, type: "locked_down" } }),
    ).toBe(1);
  });

  it("is refused when made up", async () => {
    const forged = await confirm("A".repeat(43));
    expect(forged.status).toBe(410);
  });
});

describe("a locked-down account", () => {
  it("refuses the right password until a reset, then signs in as before", async () => {
    const who = await person();
    expect((await passwordStep(who.email)).ok).toBe(true);
    expect((await confirm(await noticeLink(who))).status).toBe(200);
    expect(await passwordStep(who.email)).toMatchObject({
      ok: false,
      error: "LOCKED_DOWN",
    });
    await setPasswordAfterReset(
      who.id,
      await hashPassword("the password after the reset 9"),
      { purposes: [], at: new Date() },
    );
    const after = await checkPasswordStep(
      testContext({ messenger: createRecordingMessenger() }),
      { email: who.email, password: "the password after the reset 9" },
    );
    expect(after.ok).toBe(true);
  });

  it("gives no session even for a second factor passed after the lock-down", async () => {
    const who = await person();
    expect((await confirm(await noticeLink(who))).status).toBe(200);
    const cookie = await passedSignIn(who.id);
    expect(await redeemSecondFactor(cookie)).toBeNull();
    expect(await live(who.id)).toEqual([]);
  });
});

describe('"This wasn\'t me" on the account page', () => {
  it("locks the account down and signs this browser out too", async () => {
    const who = await person();
    const here = await openBrowser(who.id);
    const other = await openBrowser(who.id);
    const done = await postFrom(
      here,
      lockDownFromAccount,
      "/api/account/lock-down",
    );
    expect(done).toEqual({ status: 200, json: { ok: true } });
    expect(await live(who.id)).toEqual([]);
    for (const b of [here, other])
      expect(
        (await postFrom(b, lockDownFromAccount, "/api/account/lock-down"))
          .status,
      ).toBe(401);
    expect(await passwordStep(who.email)).toMatchObject({
      error: "LOCKED_DOWN",
    });
  });

  it("is refused for an address never verified: a reset could not unlock it", async () => {
    const who = await person({ verified: false });
    const here = await openBrowser(who.id);
    const done = await postFrom(
      here,
      lockDownFromAccount,
      "/api/account/lock-down",
    );
    expect(done.status).toBe(409);
    expect(done.json).toMatchObject({
      error: { code: "LOCK_DOWN_NEEDS_EMAIL" },
    });
    expect((await live(who.id)).length).toBe(1);
  });
});
