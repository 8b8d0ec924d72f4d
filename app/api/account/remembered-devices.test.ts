import { randomInt } from "node:crypto";
import { encode } from "next-auth/jwt";
import { Secret, TOTP } from "otpauth";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { authCookies } from "@/lib/auth/cookies";
import { redeemSecondFactor } from "@/lib/auth/redeem";
import { closeDb, getDb } from "@/lib/db";
import { keyedHash } from "@/lib/keys";
import { listOutbox } from "@/lib/messaging/outbox";
import { getSessionStore, startSession } from "@/lib/sessions";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { deviceCookieName } from "@/lib/http/device-cookie";
import { REMEMBER_DEVICE_SECONDS } from "@/lib/devices/policy";
import { recognizeDevice } from "@/lib/devices/records";
import { recordExact } from "@/test/security/figures";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";
import {
  clearBrowser,
  cookieJar,
  cookieOptions,
  jsonRequest,
} from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as setUp } from "./authenticator/route";
import { POST as turnOn } from "./authenticator/confirm/route";
import { POST as remove } from "./authenticator/remove/route";
import { POST as forget } from "./devices/forget/route";
import { POST as generate } from "./recovery-codes/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Each attack below repeats its password step TRIALS times: the send and sign-in limits are raised,
// as they are not what this file tests.
vi.hoisted(() => {
  process.env.LIMIT_SENDS_PER_PHONE_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_ACCOUNT_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_IP_PER_HOUR = "1000";
  process.env.LIMIT_LOGINS_PER_IP_PER_15_MIN = "1000";
});

/** A passed second factor's reply: sign in, then the account page (no callbackUrl given). */
const TO_ACCOUNT = { next: "/account", signIn: true };

// Remembered devices through the real routes, Postgres and the code store: the box on the code
// step, the password step that skips the second factor for that browser only, forgetting, and
// every factor change forgetting them all and ending the person's other sessions. The security
// report (`npm run test:security`) prints how many of TRIALS password steps each attack got past
// the second factor.

const SECTION = "devices";
const TRIALS = 5;
const PASSWORD = "a long enough password";
const SESSION_COOKIE = authCookies("http://localhost:3000").cookies.sessionToken
  .name;
const DEVICE = () => deviceCookieName();
const CHALLENGE = () => challengeCookieName();

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  const request = jsonRequest(path, body, { ip: "198.51.100.9" });
  const session = cookieJar.get(SESSION_COOKIE);
  const seen = new Request(request.url, {
    headers: session ? { cookie: `${SESSION_COOKIE}=${session}` } : {},
  });
  const response = await withRequest(seen, () => handler(request));
  return { status: response.status, json: await response.json() };
}

const latestCode = (to: string) =>
  listOutbox(to)[0]!
    .text.match(/(\d[. ]*){6}/)![0]!
    .replace(/\D/g, "");

async function person() {
  const email = `d${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3362");
  return createTestAccount({ email, phone, password: PASSWORD });
}

/** The password step, then (unless skipped) the texted code, ticking the box when `remember`. */
async function passwordStep(p: { email: string }, password = PASSWORD) {
  cookieJar.delete(CHALLENGE());
  return post(login, "/api/login", { email: p.email, password });
}

/** The report's rows, in its order, filled in by the tests below. */
const skips = new Map<string, number>([
  ["own live token", NaN],
  ["own token, wrong password", NaN],
  ["another person's token", NaN],
  ["token replayed after Forget", NaN],
  ["expired token", NaN],
  ["token after a factor change", NaN],
]);
let tokenBits = NaN;

/** How many of TRIALS password steps, from this browser holding `token`, skipped the second factor. */
async function skipsWith(
  attack: string,
  p: { email: string },
  token: string,
  password = PASSWORD,
) {
  let skipped = 0;
  for (let i = 0; i < TRIALS; i++) {
    cookieJar.delete(CHALLENGE());
    cookieJar.set(DEVICE(), token);
    const step = await post(login, "/api/login", { email: p.email, password });
    if (step.json.signIn === true) skipped++;
  }
  skips.set(attack, skipped);
  return skipped;
}

async function signInWithCode(
  p: { email: string; phone: string },
  remember: boolean,
) {
  const first = await passwordStep(p);
  expect(first.json).not.toHaveProperty("signIn");
  const code = latestCode(p.phone);
  const done = await post(verify, "/api/otp/verify", { code, remember });
  expect(done).toEqual({ status: 200, json: { ok: true, ...TO_ACCOUNT } });
}

/** A session for `userId` in this browser, as next-auth would have set it after a texted code. */
async function sessionFor(p: { id: string; email: string }) {
  const session = await startSession(p.id);
  const authTime = Math.floor(Date.now() / 1000);
  const token = {
    sub: p.id,
    email: p.email,
    sid: session.id,
    authTime,
    amr: "phone" as const,
  };
  cookieJar.set(
    SESSION_COOKIE,
    await encode({ token, secret: process.env.NEXTAUTH_SECRET! }),
  );
  return session;
}

async function rememberedCount(userId: string) {
  return (await getDb()).rememberedDevice.count({ where: { userId } });
}

beforeAll(() => installNextHeadersForCjs());
beforeEach(async () => {
  clearBrowser();
  await resetTables();
});
afterAll(async () => {
  for (const [attack, skipped] of skips)
    if (!Number.isNaN(skipped))
      recordExact(
        SECTION,
        `${attack}: password steps without a second factor (of ${TRIALS})`,
        skipped,
        attack === "own live token" ? TRIALS : 0,
      );
  if (!Number.isNaN(tokenBits))
    recordExact(SECTION, "device token bits", tokenBits, 256);
  await closeDb(await getDb());
});

describe("remembering a device", () => {
  it("skips the second factor at the next sign-in from that browser, never the password", async () => {
    const p = await person();
    await signInWithCode(p, true);
    const texts = listOutbox(p.phone).length;

    const wrong = await passwordStep(p, "not the password at all");
    expect(wrong).toMatchObject({
      status: 401,
      json: { error: { code: "BAD_CREDENTIALS" } },
    });
    const next = await passwordStep(p);
    expect(next).toEqual({
      status: 200,
      json: {
        ok: true,
        next: "/verify",
        delivery: "none",
        channel: null,
        signIn: true,
      },
    });
    expect(listOutbox(p.phone)).toHaveLength(texts);
    // next-auth's redeem takes the completed challenge exactly as one completed by a code.
    const cookie = `${CHALLENGE()}=${cookieJar.get(CHALLENGE())}`;
    expect(await redeemSecondFactor(cookie)).toEqual({
      id: p.id,
      email: p.email,
      amr: "device",
    });
    const db = await getDb();
    const success = await db.authEvent.findFirst({
      where: { userId: p.id, type: "login_success" },
    });
    expect(success?.detail).toMatchObject({ factor: "device" });

    const token = cookieJar.get(DEVICE())!;
    expect(await skipsWith("own live token", p, token)).toBe(TRIALS);
    expect(
      await skipsWith(
        "own token, wrong password",
        p,
        token,
        "a wrong password!",
      ),
    ).toBe(0);
  });

  it("keeps the token only in an httpOnly cookie for 30 days, and only its keyed hash on the server", async () => {
    const p = await person();
    await signInWithCode(p, true);
    const token = cookieJar.get(DEVICE())!;
    tokenBits = Buffer.from(token, "base64url").length * 8;
    expect(tokenBits).toBe(256);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(cookieOptions.get(DEVICE())).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: REMEMBER_DEVICE_SECONDS,
    });
    const db = await getDb();
    const row = await db.rememberedDevice.findFirstOrThrow({
      where: { userId: p.id },
    });
    expect(row.tokenHash).toBe(keyedHash("remembered-device", token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 864e5;
    expect(days).toBe(30);
    const audit = await db.authEvent.count({
      where: { userId: p.id, type: "device_remembered" },
    });
    expect(audit).toBe(1);
  });

  it("remembers nothing when the box is not ticked", async () => {
    const p = await person();
    await signInWithCode(p, false);
    expect(cookieJar.has(DEVICE())).toBe(false);
    expect(await rememberedCount(p.id)).toBe(0);
  });

  it("asks for the second factor again once the device has expired", async () => {
    const p = await person();
    await signInWithCode(p, true);
    await (
      await getDb()
    ).rememberedDevice.updateMany({
      where: { userId: p.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const token = cookieJar.get(DEVICE())!;
    const next = await passwordStep(p);
    expect(next.json).not.toHaveProperty("signIn");
    expect(next.json.delivery).not.toBe("none");
    expect(await skipsWith("expired token", p, token)).toBe(0);
  });

  it("refuses another person's device token", async () => {
    const owner = await person();
    await signInWithCode(owner, true);
    const stranger = await person();
    const texts = listOutbox(stranger.phone).length;
    // The same browser (the owner's device cookie), the stranger's own password.
    const token = cookieJar.get(DEVICE())!;
    const next = await passwordStep(stranger);
    expect(next.json).not.toHaveProperty("signIn");
    expect(listOutbox(stranger.phone).length).toBe(texts + 1);
    expect(await skipsWith("another person's token", stranger, token)).toBe(0);
    // Nor does a token that was never issued let anyone skip it.
    expect(await recognizeDevice(owner.id, "not-a-token")).toBe(false);
  });
});

describe("forgetting a device", () => {
  it("refuses its token from then on, even replayed by a copy of the cookie", async () => {
    const p = await person();
    await signInWithCode(p, true);
    const token = cookieJar.get(DEVICE())!;
    const db = await getDb();
    const device = await db.rememberedDevice.findFirstOrThrow({
      where: { userId: p.id },
    });
    await sessionFor(p);
    expect(
      await post(forget, "/api/account/devices/forget", { id: device.id }),
    ).toEqual({ status: 200, json: { ok: true } });
    expect(
      await db.authEvent.count({
        where: { userId: p.id, type: "device_forgotten" },
      }),
    ).toBe(1);

    cookieJar.delete(SESSION_COOKIE);
    cookieJar.set(DEVICE(), token);
    const next = await passwordStep(p);
    expect(next.json).not.toHaveProperty("signIn");
    expect(await skipsWith("token replayed after Forget", p, token)).toBe(0);
  });

  it("cannot forget another person's device", async () => {
    const owner = await person();
    await signInWithCode(owner, true);
    const db = await getDb();
    const device = await db.rememberedDevice.findFirstOrThrow({
      where: { userId: owner.id },
    });
    clearBrowser();
    await sessionFor(await person());
    expect(
      await post(forget, "/api/account/devices/forget", { id: device.id }),
    ).toMatchObject({
      status: 404,
      json: { error: { code: "DEVICE_NOT_FOUND" } },
    });
    expect(await rememberedCount(owner.id)).toBe(1);
  });

  it("refuses a visitor who is not signed in", async () => {
    expect(
      await post(forget, "/api/account/devices/forget", { id: "x" }),
    ).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
  });
});

describe("a change of factor", () => {
  async function rememberedAndSignedIn() {
    const p = await person();
    await signInWithCode(p, true);
    const token = cookieJar.get(DEVICE())!;
    expect(await rememberedCount(p.id)).toBe(1);
    const current = await sessionFor(p);
    const other = await startSession(p.id);
    return { p, token, current, other };
  }

  async function expectForgottenAndOthersEnded(
    s: Awaited<ReturnType<typeof rememberedAndSignedIn>>,
  ) {
    const { p, token, current, other } = s;
    expect(await rememberedCount(p.id)).toBe(0);
    const sessions = getSessionStore();
    expect(await sessions.checkSession(p.id, other.id, Date.now())).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(await sessions.checkSession(p.id, current.id, Date.now())).toEqual({
      ok: true,
    });
    cookieJar.delete(SESSION_COOKIE);
    cookieJar.set(DEVICE(), token);
    expect((await passwordStep(p)).json).not.toHaveProperty("signIn");
  }

  it("new recovery codes forget every remembered device and end the other sessions", async () => {
    const s = await rememberedAndSignedIn();
    expect(
      await post(generate, "/api/account/recovery-codes", {}),
    ).toMatchObject({ status: 200 });
    await expectForgottenAndOthersEnded(s);
    expect(await skipsWith("token after a factor change", s.p, s.token)).toBe(
      0,
    );
  });

  it("turning on an authenticator app forgets every remembered device and ends the other sessions", async () => {
    const s = await rememberedAndSignedIn();
    const setup = await post(setUp, "/api/account/authenticator", {});
    const secret = Secret.fromBase32(setup.json.setupKey.replace(/\s/g, ""));
    const on = await post(turnOn, "/api/account/authenticator/confirm", {
      code: TOTP.generate({ secret }),
    });
    expect(on).toEqual({ status: 200, json: { ok: true } });
    // The app comes first now; the device was forgotten, so the step waits for its code.
    await expectForgottenAndOthersEnded(s);
  });

  it("removing the authenticator app forgets every remembered device and ends the other sessions", async () => {
    const p = await person();
    await sessionFor(p);
    const setup = await post(setUp, "/api/account/authenticator", {});
    const secret = Secret.fromBase32(setup.json.setupKey.replace(/\s/g, ""));
    await post(turnOn, "/api/account/authenticator/confirm", {
      code: TOTP.generate({ secret, timestamp: Date.now() - 30_000 }),
    });
    clearBrowser();
    // Remembered on a later sign-in with the app's current code.
    await passwordStep(p);
    const code = TOTP.generate({ secret });
    expect(
      await post(verify, "/api/otp/verify", {
        factor: "totp",
        code,
        remember: true,
      }),
    ).toEqual({ status: 200, json: { ok: true, ...TO_ACCOUNT } });
    const token = cookieJar.get(DEVICE())!;
    expect((await passwordStep(p)).json).toMatchObject({ signIn: true });
    const current = await sessionFor(p);
    const other = await startSession(p.id);
    expect(await post(remove, "/api/account/authenticator/remove", {})).toEqual(
      { status: 200, json: { ok: true } },
    );
    await expectForgottenAndOthersEnded({ p, token, current, other });
  });
});

describe("the pace of account changes", () => {
  it("allows 10 changes an hour per person, then refuses until the window ends", async () => {
    const p = await person();
    await sessionFor(p);
    for (let i = 0; i < 10; i++)
      expect(
        (await post(forget, "/api/account/devices/forget", { id: "none" }))
          .status,
      ).toBe(404);
    const refused = await post(generate, "/api/account/recovery-codes", {});
    expect(refused).toMatchObject({
      status: 429,
      json: { error: { code: "ACCOUNT_CHANGE_LIMIT" } },
    });
    expect(refused.json.error.retryAfterSeconds).toBeGreaterThan(0);
    // Another person is counted apart.
    clearBrowser();
    await sessionFor(await person());
    expect(
      (await post(generate, "/api/account/recovery-codes", {})).status,
    ).toBe(200);
  });
});
