import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { rememberDevice } from "@/lib/devices/records";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { verifyPassword } from "@/lib/password/hash";
import { getSessionStore } from "@/lib/sessions";
import { createTestAccount } from "@/test/support/accounts";
import { withRequest } from "@/test/support/next-headers-cjs";
import { jsonRequest } from "@/test/support/next-request";
import { POST as signIn } from "@/app/api/login/route";
import { POST as resetStart } from "@/app/api/password/reset/start/route";
import { requestPasswordReset } from "@/lib/steps/forgot-password";
import { testContext } from "@/test/support/context";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { randomMobile } from "@/test/support/phones";
import { POST as change } from "./password/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Change password" through the real route, Postgres and stores: only with the current password
// and a fresh second factor; afterwards only the new password works, other sessions are refused,
// remembered devices are forgotten and the phone is told.

const OLD = "an old but long password";
const NEW = "a brand new passphrase 7q";

async function person() {
  const email = `p${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3364");
  return createTestAccount({ email, phone, password: OLD });
}

const browser = (userId: string, ageSeconds = 0) =>
  openBrowser(userId, { ip: "203.0.113.5", ageSeconds });

const post = (from: SignedInBrowser, body: object) =>
  postFrom(from, change, "/api/account/password", body);

async function storedHash(userId: string) {
  const db = await getDb();
  return (await db.user.findUniqueOrThrow({ where: { id: userId } }))
    .passwordHash;
}

const live = async (userId: string) =>
  (await getSessionStore().listSessions(userId, Date.now())).map((s) => s.id);

setUpAccountRouteSuite();

describe("changing the password", () => {
  it("replaces it, ends the other sessions, forgets remembered devices, texts the phone and audits", async () => {
    const p = await person();
    const other = await browser(p.id);
    const mine = await browser(p.id);
    await rememberDevice(p.id, { userAgent: "Chrome" });

    const done = await post(mine, { currentPassword: OLD, newPassword: NEW });
    expect(done).toEqual({ status: 200, json: { ok: true } });

    const hash = await storedHash(p.id);
    expect(await verifyPassword(hash, NEW)).toBe(true);
    expect(await verifyPassword(hash, OLD)).toBe(false);
    expect(await live(p.id)).toEqual([mine.sid]);
    expect(
      await post(other, { currentPassword: NEW, newPassword: OLD + "x" }),
    ).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
    const db = await getDb();
    expect(await db.rememberedDevice.count({ where: { userId: p.id } })).toBe(
      0,
    );
    expect(
      await db.authEvent.count({
        where: { userId: p.id, type: "password_changed" },
      }),
    ).toBe(1);
    const [notice] = listOutbox(p.phone);
    expect(notice?.text).toContain("password of your account was changed");
    expect(notice?.text).not.toContain(NEW);
  });

  it("refuses a wrong current password, changes nothing, and counts it toward the password limits", async () => {
    const p = await person();
    const mine = await browser(p.id);
    const before = await storedHash(p.id);
    const wrong = await post(mine, {
      currentPassword: "not the password at all",
      newPassword: NEW,
    });
    expect(wrong).toMatchObject({
      status: 400,
      json: {
        error: {
          code: "WRONG_PASSWORD",
          fields: { currentPassword: "Your current password is not right." },
        },
      },
    });
    expect(await storedHash(p.id)).toBe(before);
    const db = await getDb();
    expect(
      await db.authEvent.count({
        where: { userId: p.id, type: "login_failure" },
      }),
    ).toBe(1);

    // Guessing goes no faster than at the login form: the guesses count toward its per-account
    // limit, so after ten of them the password step itself is paused, right password or not.
    for (let i = 1; i < 10; i++)
      expect(
        (
          await post(mine, {
            currentPassword: `guess number ${i}`,
            newPassword: NEW,
          })
        ).status,
      ).toBe(400);
    const login = await withRequest(new Request("http://localhost:3000/"), () =>
      signIn(
        jsonRequest(
          "/api/login",
          { email: p.email, password: OLD },
          { ip: "198.51.100.9" },
        ),
      ),
    );
    expect(login.status).toBe(429);
    expect((await login.json()).error.code).toBe("LOGIN_LIMITED");
    expect(await storedHash(p.id)).toBe(before);
  });

  it("refuses a common password or one built from the email, on the new password field", async () => {
    const p = await person();
    const mine = await browser(p.id);
    const common = await post(mine, {
      currentPassword: OLD,
      newPassword: "password123",
    });
    expect(common).toMatchObject({
      status: 400,
      json: { error: { code: "PASSWORD_TOO_COMMON" } },
    });
    expect(common.json.error.fields).toHaveProperty("newPassword");
    const named = await post(mine, {
      currentPassword: OLD,
      newPassword: `${p.email.split("@")[0]}-and-more`,
    });
    expect(named.json.error.code).toBe("PASSWORD_CONTAINS_NAME");
    expect(await verifyPassword(await storedHash(p.id), OLD)).toBe(true);
  });

  it("spends every reset link asked for before the change: afterwards one is refused", async () => {
    const p = await person();
    const db = await getDb();
    await db.user.update({
      where: { id: p.id },
      data: { emailVerifiedAt: new Date(), verifiedEmail: p.email },
    });
    await requestPasswordReset(
      testContext({ request: { ip: "198.51.100.10", userAgent: null } }),
      p.email,
    );
    const token = listOutbox(p.email)[0]!.text.match(
      /\/reset-password#token=([\w-]{43})/,
    )![1]!;
    const mine = await browser(p.id);
    expect(
      (await post(mine, { currentPassword: OLD, newPassword: NEW })).status,
    ).toBe(200);

    const texts = listOutbox(p.phone).length;
    const start = await resetStart(
      jsonRequest(
        "/api/password/reset/start",
        { token },
        { ip: "198.51.100.10" },
      ),
    );
    expect(start.status).toBe(410);
    expect((await start.json()).error.code).toBe("EMAIL_LINK_INVALID");
    expect(listOutbox(p.phone)).toHaveLength(texts);
    expect(await verifyPassword(await storedHash(p.id), NEW)).toBe(true);
  });

  it("needs a second factor from the last 10 minutes, and ends nothing without it", async () => {
    const p = await person();
    const other = await browser(p.id);
    const stale = await browser(p.id, FRESH_SECOND_FACTOR_SECONDS + 1);
    expect(
      await post(stale, { currentPassword: OLD, newPassword: NEW }),
    ).toMatchObject({
      status: 403,
      json: { error: { code: "REAUTH_REQUIRED" } },
    });
    expect(await verifyPassword(await storedHash(p.id), OLD)).toBe(true);
    expect((await live(p.id)).sort()).toEqual([other.sid, stale.sid].sort());
  });
});
