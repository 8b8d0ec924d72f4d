import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { readLockout } from "@/lib/steps/lockout";
import { FAILURE_POLICY } from "@/lib/challenge/verify";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { getDb } from "@/lib/db";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { checkAdminRequests } from "@/lib/limits/decide";
import { ADMIN_REQUESTS_PER_HOUR } from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { getSessionStore } from "@/lib/sessions";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { getChallengeStore } from "@/lib/store";
import type { SignInMethod } from "@/lib/factors/policy";
import { createTestAccount } from "@/test/support/accounts";
import {
  openBrowser,
  postFrom,
  SESSION_COOKIE,
  setUpAccountRouteSuite,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { testContext } from "@/test/support/context";
import { withRequest } from "@/test/support/next-headers-cjs";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as endSessions } from "./end-sessions/route";
import { POST as startDeletion } from "./start-deletion/route";
import { POST as switchOff } from "./switch-off/route";
import { POST as switchOn } from "./switch-on/route";
import { POST as unlock } from "./unlock/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The operators' console's API through its real routes: only an admin whose second factor was a
// passkey in the last 10 minutes gets anything done; everyone else (a person who is not an admin,
// an admin signed in by text or whose passkey is older, a page on another site) gets a 403 and
// changes nothing. Every request of a signed-in person leaves an audit row.

const PASSWORD = "a long enough password";
const REASON = "Ticket 4711: the owner called from their number";

async function account(role: "admin" | null = null) {
  const a = await createTestAccount({
    email: `c${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3364"),
    password: PASSWORD,
    emailVerified: true,
  });
  if (role)
    await (await getDb()).user.update({ where: { id: a.id }, data: { role } });
  return a;
}

const signedIn = (
  who: { id: string; email: string },
  amr: SignInMethod = "passkey",
  minutesAgo = 1,
) =>
  openBrowser(who.id, {
    email: who.email,
    amr,
    ageSeconds: minutesAgo * 60,
  });

/** Ten wrong second factors in a row on two sign-ins: the account's sign-in is paused. */
async function pauseSignIn(userId: string) {
  const store = getChallengeStore();
  const now = Date.now();
  for (let c = 0; c < 2; c++) {
    const id = newChallengeId("login", `user:${userId}`);
    const started = await store.startChallenge(
      {
        id,
        purpose: "login",
        userId,
        pendingEmail: null,
        pendingPasswordHash: null,
        phone: "+33612345678",
        createdAt: now,
        factors: ["phone", "totp"],
      },
      CHALLENGE_TTL_SECONDS,
      null,
    );
    expect(started.ok).toBe(true);
    for (let i = 0; i < FAILURE_POLICY.maxAttempts; i++)
      await store.recordFactorResult(id, null, now, FAILURE_POLICY);
  }
  expect((await lockOf(userId)).kind).toBe("paused");
}

/** "paused" while any place is paused, "none" once every pause is lifted. */
const lockOf = async (userId: string) => {
  const lock = await readLockout(
    { store: getChallengeStore(), now: Date.now },
    userId,
  );
  return { kind: lock.pausedClients > 0 ? "paused" : "none" };
};

const consoleRows = async (userId: string) =>
  (await getDb()).authEvent.findMany({
    where: { userId, type: "admin_request" },
    orderBy: { createdAt: "asc" },
  });

/** Settles the audit rows written after the reply. */
const settled = () => new Promise((r) => setTimeout(r, 50));

/** A POST from a page on another site, carrying the browser's cookie as a cross-site form would. */
async function postCrossSite(
  from: SignedInBrowser,
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  cookieJar.set(SESSION_COOKIE, from.value);
  const request = jsonRequest(path, body, {
    ip: "198.51.100.9",
    headers: {
      cookie: from.cookie,
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    },
  });
  const seen = new Request(request.url, { headers: { cookie: from.cookie } });
  const response = await withRequest(seen, () => handler(request));
  return { status: response.status, json: await response.json() };
}

setUpAccountRouteSuite();

describe("the console's API", () => {
  it("lets an admin with a passkey from a minute ago unlock a paused account: lifted, audited, and the person told", async () => {
    const operator = await account("admin");
    const person = await account();
    await pauseSignIn(person.id);
    const reply = await postFrom(
      await signedIn(operator),
      unlock,
      "/api/admin/unlock",
      { userId: person.id, reason: REASON },
    );
    expect(reply).toEqual({ status: 200, json: { ok: true } });
    expect(await lockOf(person.id)).toEqual({ kind: "none" });
    await settled();
    const [row] = await consoleRows(operator.id);
    expect(row?.detail).toEqual({
      action: "unlock",
      target: person.id,
      reason: REASON,
      status: 200,
    });
    const told = await (
      await getDb()
    ).authEvent.findFirstOrThrow({
      where: { userId: person.id, type: "account_unlocked" },
    });
    expect(told.detail).toMatchObject({
      by: "support",
      operator: operator.email,
      reason: REASON,
    });
    expect(listOutbox(person.email)[0]?.subject).toBe(
      "Sign-in to your Twostep account was unlocked",
    );
    expect(listOutbox(person.phone)[0]?.text).toContain(
      "support unlocked sign-in",
    );
  });

  it("refuses a person who is not an admin, even with a fresh passkey, and audits the attempt", async () => {
    const intruder = await account();
    const person = await account();
    await pauseSignIn(person.id);
    const reply = await postFrom(
      await signedIn(intruder),
      unlock,
      "/api/admin/unlock",
      { userId: person.id, reason: REASON },
    );
    expect(reply.status).toBe(403);
    expect(reply.json.error.code).toBe("FORBIDDEN");
    expect((await lockOf(person.id)).kind).toBe("paused");
    await settled();
    expect((await consoleRows(intruder.id)).map((r) => r.detail)).toEqual([
      { action: "unlock", target: person.id, reason: REASON, status: 403 },
    ]);
  });

  it.each([
    ["a texted code a minute ago", "phone", 1],
    ["an authenticator app a minute ago", "totp", 1],
    ["a remembered browser", "device", 1],
    [
      `a passkey ${FRESH_SECOND_FACTOR_MINUTES + 1} minutes ago`,
      "passkey",
      FRESH_SECOND_FACTOR_MINUTES + 1,
    ],
  ] as const)(
    "refuses an admin whose second factor was %s, offering the passkey again",
    async (_, amr, minutesAgo) => {
      const operator = await account("admin");
      const person = await account();
      await pauseSignIn(person.id);
      const reply = await postFrom(
        await signedIn(operator, amr, minutesAgo),
        unlock,
        "/api/admin/unlock",
        { userId: person.id, reason: REASON },
      );
      expect(reply.status).toBe(403);
      expect(reply.json.error.code).toBe("PASSKEY_REQUIRED");
      expect((await lockOf(person.id)).kind).toBe("paused");
      expect(listOutbox(person.email)).toEqual([]);
    },
  );

  it("refuses a post from another site, even from an admin's fresh passkey session", async () => {
    const operator = await account("admin");
    const person = await account();
    const theirs = await signedIn(person, "phone");
    const reply = await postCrossSite(
      await signedIn(operator),
      endSessions,
      "/api/admin/end-sessions",
      { userId: person.id, reason: REASON },
    );
    expect(reply.status).toBe(403);
    expect(reply.json.error.code).toBe("FORBIDDEN");
    const live = await getSessionStore().listSessions(person.id, Date.now());
    expect(live.map((s) => s.id)).toContain(theirs.sid);
  });

  it("refuses an admin whose role was revoked from the next request on", async () => {
    const operator = await account("admin");
    const person = await account();
    const browser = await signedIn(operator);
    const body = { userId: person.id, reason: REASON };
    expect(
      (await postFrom(browser, unlock, "/api/admin/unlock", body)).status,
    ).toBe(200);
    await (
      await getDb()
    ).user.update({
      where: { id: operator.id },
      data: { role: null },
    });
    expect(
      (await postFrom(browser, unlock, "/api/admin/unlock", body)).status,
    ).toBe(403);
  });

  it("asks for a reason of a few words", async () => {
    const operator = await account("admin");
    const person = await account();
    const reply = await postFrom(
      await signedIn(operator),
      unlock,
      "/api/admin/unlock",
      { userId: person.id, reason: "  " },
    );
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe("INVALID_INPUT");
  });

  it("limits an operator's requests per hour", async () => {
    const operator = await account("admin");
    const person = await account();
    for (let i = 0; i < ADMIN_REQUESTS_PER_HOUR; i++)
      await checkAdminRequests(operator.id);
    const reply = await postFrom(
      await signedIn(operator),
      unlock,
      "/api/admin/unlock",
      { userId: person.id, reason: REASON },
    );
    expect(reply.status).toBe(429);
    expect(reply.json.error.code).toBe("ADMIN_REQUEST_LIMIT");
  });

  it("ends every session of the account at once (ASVS 5.0 7.4.5)", async () => {
    const operator = await account("admin");
    const person = await account();
    await signedIn(person, "phone");
    await signedIn(person, "totp");
    const reply = await postFrom(
      await signedIn(operator),
      endSessions,
      "/api/admin/end-sessions",
      { userId: person.id, reason: REASON },
    );
    expect(reply).toEqual({ status: 200, json: { ok: true, ended: 2 } });
    expect(await getSessionStore().listSessions(person.id, Date.now())).toEqual(
      [],
    );
  });

  it("switches an account off, ending its sessions and refusing its sign-in, then back on (ASVS 5.0 7.4.2)", async () => {
    const operator = await account("admin");
    const person = await account();
    await signedIn(person, "phone");
    const admin = await signedIn(operator);
    const body = { userId: person.id, reason: REASON };
    expect(
      (await postFrom(admin, switchOff, "/api/admin/switch-off", body)).status,
    ).toBe(200);
    expect(await getSessionStore().listSessions(person.id, Date.now())).toEqual(
      [],
    );
    const signIn = () =>
      checkPasswordStep(testContext(), {
        email: person.email,
        password: PASSWORD,
      });
    expect(await signIn()).toMatchObject({
      ok: false,
      error: "ACCOUNT_SWITCHED_OFF",
    });
    expect(
      (await postFrom(admin, switchOn, "/api/admin/switch-on", body)).status,
    ).toBe(200);
    expect(await signIn()).toMatchObject({ ok: true });
    expect(listOutbox(person.email).map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        "Your Twostep account was switched off",
        "Your Twostep account was switched back on",
      ]),
    );
  });

  it("starts a deletion with its grace period: every session ends, the person is told and audited, and a second press keeps the day", async () => {
    const operator = await account("admin");
    const person = await account();
    await signedIn(person, "phone");
    const admin = await signedIn(operator);
    const body = { userId: person.id, reason: REASON };
    const first = await postFrom(
      admin,
      startDeletion,
      "/api/admin/start-deletion",
      body,
    );
    expect(first.status).toBe(200);
    const { dueAt } = first.json as { dueAt: string };
    expect(Date.parse(dueAt)).toBeGreaterThan(Date.now() + 6 * 24 * 3600e3);
    expect(await getSessionStore().listSessions(person.id, Date.now())).toEqual(
      [],
    );
    const db = await getDb();
    const row = await db.authEvent.findFirst({
      where: { userId: person.id, type: "deletion_requested" },
    });
    expect(row?.detail).toMatchObject({ by: "support", reason: REASON });
    expect(listOutbox(person.phone).length).toBeGreaterThan(0);
    const again = await postFrom(
      admin,
      startDeletion,
      "/api/admin/start-deletion",
      body,
    );
    expect(again.json).toMatchObject({ dueAt: null });
    const user = await db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(user.deletionDueAt?.toISOString()).toBe(dueAt);
  });

  it("refuses a wrong password to a switched-off account as any wrong password, saying nothing of the switch", async () => {
    const operator = await account("admin");
    const person = await account();
    const body = { userId: person.id, reason: REASON };
    await postFrom(
      await signedIn(operator),
      switchOff,
      "/api/admin/switch-off",
      body,
    );
    expect(
      await checkPasswordStep(testContext(), {
        email: person.email,
        password: "not the password at all",
      }),
    ).toMatchObject({ ok: false, error: "BAD_CREDENTIALS" });
  });
});
