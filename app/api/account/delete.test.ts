import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as cron } from "@/app/api/cron/due/route";
import { clearDeletion, eraseAccount } from "@/lib/account/lifecycle";
import { redeemSecondFactor } from "@/lib/auth/redeem";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { settleFactor } from "@/lib/challenge/verify";
import { getDb } from "@/lib/db";
import { rememberDevice } from "@/lib/devices/records";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { getSessionStore } from "@/lib/sessions";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import { eraseDueAccounts } from "@/lib/steps/erase-due-accounts";
import { getChallengeStore } from "@/lib/store";
import { createTestAccount } from "@/test/support/accounts";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { accountContext, clockAt } from "@/test/support/context";
import { createRecordingMessenger } from "@/test/support/messenger";
import { randomMobile } from "@/test/support/phones";
import { POST as deleteAccount } from "./delete/route";
import { POST as exportData } from "./export/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
const CRON_SECRET = "a-cron-secret-for-the-tests-0123456789";
vi.stubEnv("CRON_SECRET", CRON_SECRET);
// One proxy hop names the client, so audit rows keep an address the erasure must remove.
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
const CLIENT_IP = "198.51.100.9";

// "Delete account" through its real routes, Postgres and the session store, and its erasure run at
// chosen moments through ctx.now(). The attacks: a cookie of an account whose deletion is pending,
// or that was erased, opens nothing; the cron route does nothing without its secret.

const DAY = 24 * 3600 * 1000;
const GRACE_DAYS = 7; // the default, as no DELETION_GRACE_DAYS is set here

async function person() {
  return createTestAccount({
    email: `delete${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3365"),
    password: "a long enough password 6",
    emailVerified: true,
  });
}

const askToDelete = (from: SignedInBrowser, email: string) =>
  postFrom(from, deleteAccount, "/api/account/delete", { email });

const live = async (userId: string) =>
  getSessionStore().listSessions(userId, Date.now());

async function dueAt(userId: string) {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId } });
  return user?.deletionDueAt ?? null;
}

/** A sign-in whose second factor passed, as next-auth's authorize() then redeems it. */
async function signInCookie(userId: string) {
  const store = getChallengeStore();
  const id = newChallengeId("login", `user:${userId}`);
  await store.startChallenge(
    {
      id,
      purpose: "login",
      userId,
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: "+33612345678",
      createdAt: Date.now(),
      factors: ["phone"],
    },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  expect((await settleFactor(store, id, "phone", Date.now())).ok).toBe(true);
  return `${challengeCookieName()}=${id}`;
}

const callCron = (authorization?: string) =>
  cron(
    new Request("http://localhost:3000/api/cron/due", {
      headers: authorization ? { authorization } : {},
    }),
  );

setUpAccountRouteSuite();

describe("Delete account", () => {
  it("needs a second factor passed in the last 10 minutes", async () => {
    const who = await person();
    const stale = await openBrowser(who.id, {
      ageSeconds: FRESH_SECOND_FACTOR_SECONDS + 60,
    });
    const asked = await askToDelete(stale, who.email);
    expect(asked.status).toBe(403);
    expect(asked.json).toMatchObject({ error: { code: "REAUTH_REQUIRED" } });
    expect(await dueAt(who.id)).toBeNull();
  });

  it("needs the account's address typed to confirm", async () => {
    const who = await person();
    const here = await openBrowser(who.id);
    const asked = await askToDelete(here, `x${who.email}`);
    expect(asked.status).toBe(400);
    expect(asked.json).toMatchObject({
      error: { code: "DELETE_CONFIRM_MISMATCH" },
    });
    expect(await dueAt(who.id)).toBeNull();
    expect(
      (await askToDelete(here, ` ${who.email.toUpperCase()} `)).status,
    ).toBe(200);
  });

  it("ends every session at once, this one too, so no cookie of the account opens anything", async () => {
    const who = await person();
    const [here, other] = [
      await openBrowser(who.id),
      await openBrowser(who.id),
    ];
    const before = Date.now();
    const asked = await askToDelete(here, who.email);
    expect(asked.status).toBe(200);
    const due = new Date(asked.json.dueAt as string).getTime();
    expect(due - before).toBeGreaterThanOrEqual(GRACE_DAYS * DAY);
    expect(due - Date.now()).toBeLessThanOrEqual(GRACE_DAYS * DAY);
    expect(await live(who.id)).toEqual([]);
    for (const b of [here, other]) {
      const tried = await postFrom(b, exportData, "/api/account/export", {});
      expect(tried.status).toBe(401);
    }
  });

  it("tells the person by email and text, with the day it is erased, and audits it", async () => {
    const who = await person();
    const here = await openBrowser(who.id);
    expect((await askToDelete(here, who.email)).status).toBe(200);
    const [email] = listOutbox(who.email);
    expect(email!.subject).toBe("Your Twostep account will be deleted");
    expect(email!.text).toContain("signing in cancels the deletion");
    expect(listOutbox(who.phone)[0]!.text).toContain(
      "Sign in before then to cancel it",
    );
    const db = await getDb();
    expect(
      await db.authEvent.count({
        where: { userId: who.id, type: "deletion_requested" },
      }),
    ).toBe(1);
  });

  it("is cancelled by a sign-in during the grace period, which is told and audited", async () => {
    const who = await person();
    expect(
      (await askToDelete(await openBrowser(who.id), who.email)).status,
    ).toBe(200);
    const user = await redeemSecondFactor(await signInCookie(who.id));
    expect(user?.id).toBe(who.id);
    expect(await dueAt(who.id)).toBeNull();
    const db = await getDb();
    expect(
      await db.authEvent.count({
        where: { userId: who.id, type: "deletion_cancelled" },
      }),
    ).toBe(1);
    expect(listOutbox(who.email).map((m) => m.subject)).toContain(
      "Deletion of your Twostep account was cancelled",
    );
    // Nothing is erased when the grace period would have ended.
    const run = await eraseDueAccounts({
      store: getChallengeStore(),
      now: clockAt(Date.now() + (GRACE_DAYS + 1) * DAY),
    });
    expect(await db.user.count({ where: { id: who.id } })).toBe(1);
    expect(run.erased).toBe(0);
  });
});

describe("the erasure", () => {
  async function deletedWithEverything() {
    const who = await person();
    const ctx = accountContext(who, { messenger: createRecordingMessenger() });
    expect((await generateRecoveryCodeSet(ctx)).ok).toBe(true);
    const here = await openBrowser(who.id, { ip: "203.0.113.77" });
    expect((await askToDelete(here, who.email)).status).toBe(200);
    return { who, due: (await dueAt(who.id))!.getTime() };
  }

  it("waits out the grace period, then erases the account and all it holds, and frees its address and number", async () => {
    const { who, due } = await deletedWithEverything();
    const store = getChallengeStore();
    await eraseDueAccounts({ store, now: clockAt(due - 1) });
    const db = await getDb();
    expect(await db.user.count({ where: { id: who.id } })).toBe(1);

    const run = await eraseDueAccounts({ store, now: clockAt(due) });
    expect(run.erased).toBeGreaterThanOrEqual(1);
    const where = { userId: who.id };
    expect(await db.user.count({ where: { id: who.id } })).toBe(0);
    expect(
      await Promise.all([
        db.phone.count({ where }),
        db.factor.count({ where }),
        db.recoveryCode.count({ where: { factor: where } }),
        db.rememberedDevice.count({ where }),
        db.knownBrowser.count({ where }),
        db.emailLink.count({ where }),
        db.sentNotice.count({ where }),
        db.authEvent.count({ where }),
      ]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);

    const again = await createTestAccount({
      email: who.email,
      phone: who.phone,
    });
    expect(again.id).not.toBe(who.id);
  });

  it("leaves audit rows with no owner and no personal data", async () => {
    const { who, due } = await deletedWithEverything();
    const db = await getDb();
    const ids = (
      await db.authEvent.findMany({ where: { userId: who.id } })
    ).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(
      await db.authEvent.count({ where: { userId: who.id, ip: CLIENT_IP } }),
    ).toBeGreaterThan(0);
    await eraseDueAccounts({
      store: getChallengeStore(),
      now: clockAt(due),
    });
    const rows = await db.authEvent.findMany({ where: { id: { in: ids } } });
    expect(rows).toHaveLength(ids.length);
    for (const row of rows)
      expect([row.userId, row.ip, row.userAgent, row.detail]).toEqual([
        null,
        null,
        null,
        {},
      ]);
    const all = JSON.stringify(await db.authEvent.findMany());
    for (const personal of [who.email, who.phone, CLIENT_IP])
      expect(all).not.toContain(personal);
  });

  it("leaves a cookie of the erased account opening nothing", async () => {
    const { who, due } = await deletedWithEverything();
    // A session that outlived the request, however it came to be: the erasure ends it.
    const survivor = await openBrowser(who.id);
    await eraseDueAccounts({ store: getChallengeStore(), now: clockAt(due) });
    const tried = await postFrom(survivor, exportData, "/api/account/export");
    expect(tried.status).toBe(401);
  });

  it("spares an account whose deletion a sign-in cancelled after it was found due", async () => {
    const { who, due } = await deletedWithEverything();
    await clearDeletion(who.id);
    expect(await eraseAccount(who.id, new Date(due))).toBe(false);
    const db = await getDb();
    expect(await db.user.count({ where: { id: who.id } })).toBe(1);
    expect(
      await db.authEvent.count({
        where: { userId: who.id, ip: { not: null } },
      }),
    ).toBeGreaterThan(0);
  });
});

describe("the cron route", () => {
  async function overdue() {
    const { id } = await person();
    const db = await getDb();
    await db.user.update({
      where: { id },
      data: { deletionDueAt: new Date(Date.now() - DAY) },
    });
    return id;
  }

  it.each([
    ["no Authorization header", undefined],
    ["a wrong secret", "Bearer not-the-cron-secret-0123456789"],
    ["the secret without its scheme", CRON_SECRET],
    ["another scheme", `Basic ${CRON_SECRET}`],
    ["the secret with a character more", `Bearer ${CRON_SECRET}x`],
  ])("refuses %s, and erases nothing", async (_, authorization) => {
    const id = await overdue();
    const response = await callCron(authorization);
    expect(response.status).toBe(401);
    const db = await getDb();
    expect(await db.user.count({ where: { id } })).toBe(1);
  });

  it("runs the due tasks for Vercel Cron's bearer secret", async () => {
    const id = await overdue();
    const response = await callCron(`Bearer ${CRON_SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      eraseDueAccounts: { erased: 1 },
      purgeUnconfirmedAccounts: { removed: 0, more: false },
    });
    const db = await getDb();
    expect(await db.user.count({ where: { id } })).toBe(0);
  });
});

describe("a remembered device of a deleted account", () => {
  it("is forgotten when the deletion is asked for", async () => {
    const who = await person();
    await rememberDevice(who.id, {});
    expect(
      (await askToDelete(await openBrowser(who.id), who.email)).status,
    ).toBe(200);
    const db = await getDb();
    expect(await db.rememberedDevice.count({ where: { userId: who.id } })).toBe(
      0,
    );
  });
});
