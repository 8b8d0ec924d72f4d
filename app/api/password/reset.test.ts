import { Secret, TOTP } from "otpauth";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as verifyCode } from "@/app/api/otp/verify/route";
import { redeemSecondFactor } from "@/lib/auth/redeem";
import { closeDb, getDb } from "@/lib/db";
import { recognizeDevice, rememberDevice } from "@/lib/devices/records";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { consumeSendLimits } from "@/lib/limits/sends";
import { listOutbox } from "@/lib/messaging/outbox";
import { verifyPassword } from "@/lib/password/hash";
import { getSessionStore, startSession } from "@/lib/sessions";
import {
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import { accountContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import {
  codeFromSmsText,
  createRecordingMessenger,
} from "@/test/support/messenger";
import { phoneFacts } from "@/lib/phone";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as forgot } from "./forgot/route";
import { POST as finish } from "./reset/route";
import { POST as start } from "./reset/start/route";
import { createTestAccount } from "@/test/support/accounts";
import { withoutLockDownLink } from "@/test/support/lock-down-link";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// One proxy hop names the client, so each test's requests count against an address of their own.
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");

// "Forgot password?" through the real route handlers, Postgres, the in-process stores and the
// outbox: links are read from the outbox as a person reads their email.

const OLD_PASSWORD = "the old one, long enough";
const NEW_PASSWORD = "a brand new passphrase 42";

let addresses = 0;
const nextIp = () => `198.51.100.${(addresses++ % 250) + 1}`;
const newPhone = () => randomMobile("+3361");

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
  ip = nextIp(),
) {
  const response = await handler(jsonRequest(path, body, { ip }));
  return { status: response.status, json: await response.json() };
}

/** An account whose address is verified (unless told otherwise), with its verified phone. */
async function account({ verified = true } = {}) {
  const phone = newPhone();
  const email = `reset.${phone.slice(1)}@example.com`;
  return createTestAccount({
    email,
    phone,
    password: OLD_PASSWORD,
    emailVerified: verified,
  });
}

function latestLink(email: string): string {
  const mail = listOutbox(email).find((e) => /#token=/.test(e.text));
  if (!mail) throw new Error(`no link sent to ${email}`);
  return mail.text.match(/https?:\/\/\S+#token=[\w-]+/)![0];
}
const tokenOf = (link: string) => link.slice(link.indexOf("#token=") + 7);
const latestCode = (phone: string) =>
  codeFromSmsText(listOutbox(phone)[0]!.text);

async function passwordIs(userId: string, password: string) {
  const user = await (await getDb()).user.findUnique({ where: { id: userId } });
  return verifyPassword(user!.passwordHash, password);
}

/** Link → code step → code: the browser now holds a verified reset challenge. */
async function passSecondFactor(who: { email: string; phone: string }) {
  expect(
    (await post(forgot, "/api/password/forgot", { email: who.email })).status,
  ).toBe(200);
  const token = tokenOf(latestLink(who.email));
  const started = await post(start, "/api/password/reset/start", { token });
  expect(started).toMatchObject({
    status: 200,
    json: { ok: true, next: "/verify" },
  });
  const code = latestCode(who.phone);
  expect((await post(verifyCode, "/api/otp/verify", { code })).status).toBe(
    200,
  );
  return token;
}

beforeEach(async () => {
  cookieJar.clear();
  await resetTables();
});
afterAll(async () => closeDb(await getDb()));

describe("forgot password", () => {
  it("emails a verified address a single-use link to /reset-password, carrying its token in the fragment and storing only a hash", async () => {
    const ada = await account();
    const reply = await post(forgot, "/api/password/forgot", {
      email: ada.email.toUpperCase(),
    });
    expect(reply).toEqual({ status: 200, json: { ok: true } });
    const [mail] = listOutbox(ada.email);
    expect(mail).toMatchObject({
      channel: "email",
      to: ada.email,
      subject: "Reset your Twostep password",
    });
    const link = latestLink(ada.email);
    expect(link).toMatch(
      /^http:\/\/localhost:3000\/reset-password#token=[\w-]{43}$/,
    );
    const rows = await (await getDb()).emailLink.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: ada.id,
      purpose: "reset_password",
      usedAt: null,
    });
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link));
    const minutes = (rows[0]!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it("answers an unknown and an unverified address exactly as a verified one, and sends them nothing", async () => {
    const known = await account();
    const unverified = await account({ verified: false });
    const unknown = "nobody.here@example.com";
    const replies = [];
    for (const email of [known.email, unverified.email, unknown])
      replies.push(await post(forgot, "/api/password/forgot", { email }));
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toEqual(replies[0]);
    expect(listOutbox(known.email)).toHaveLength(1);
    expect(listOutbox(unverified.email)).toHaveLength(0);
    expect(listOutbox(unknown)).toHaveLength(0);
    expect(await (await getDb()).emailLink.count()).toBe(1);
  });

  it("limits requests per address, counted alike for unknown addresses, and per client address", async () => {
    const known = await account();
    for (const email of [known.email, "ghost@example.com"]) {
      for (let i = 0; i < 3; i++)
        expect(
          (await post(forgot, "/api/password/forgot", { email })).status,
        ).toBe(200);
      const fourth = await post(forgot, "/api/password/forgot", { email });
      expect(fourth).toMatchObject({
        status: 429,
        json: { error: { code: "RESET_REQUEST_LIMIT" } },
      });
    }
    const ip = "203.0.113.9";
    for (let i = 0; i < 10; i++)
      expect(
        (
          await post(
            forgot,
            "/api/password/forgot",
            { email: `n${i}@example.com` },
            ip,
          )
        ).status,
      ).toBe(200);
    const eleventh = await post(
      forgot,
      "/api/password/forgot",
      { email: "n10@example.com" },
      ip,
    );
    expect(eleventh).toMatchObject({
      status: 429,
      json: { error: { code: "RATE_LIMITED" } },
    });
  });
});

describe("a reset link", () => {
  it("leads to the account's phone code first, then takes a new password: sessions end, remembered browsers are forgotten, the person is told by email and text, and the trail records it", async () => {
    const ada = await account();
    const sessions = [await startSession(ada.id), await startSession(ada.id)];
    const device = await rememberDevice(ada.id, { userAgent: "vitest" });
    await passSecondFactor(ada);

    const reply = await post(finish, "/api/password/reset", {
      password: NEW_PASSWORD,
    });
    expect(reply).toEqual({
      status: 200,
      json: { ok: true, next: "/login?reset=done" },
    });
    expect(cookieJar.has(challengeCookieName())).toBe(false);
    expect(await passwordIs(ada.id, NEW_PASSWORD)).toBe(true);
    expect(await passwordIs(ada.id, OLD_PASSWORD)).toBe(false);
    for (const s of sessions)
      expect(
        await getSessionStore().checkSession(ada.id, s.id, Date.now()),
      ).toEqual({ ok: false, reason: "missing" });

    const [notice] = listOutbox(ada.email);
    expect(notice).toMatchObject({
      channel: "email",
      subject: "Your Twostep password was changed",
    });
    expect(withoutLockDownLink(notice!.text)).not.toMatch(/https?:\/\//);
    const [sms] = listOutbox(ada.phone);
    expect(sms!.text).toMatch(/password was just reset/);
    expect(sms!.text).not.toMatch(/\d{6}/);
    const events = await (
      await getDb()
    ).authEvent.findMany({ where: { userId: ada.id, type: "password_reset" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({
      sessionsEnded: 2,
      devicesForgotten: 1,
    });
    // The browser remembered before the reset must pass the second factor again.
    expect(await recognizeDevice(ada.id, device.token)).toBeFalsy();
  });

  it("changes nothing for someone who has the link but not the code", async () => {
    const ada = await account();
    await post(forgot, "/api/password/forgot", { email: ada.email });
    const token = tokenOf(latestLink(ada.email));
    expect(
      (await post(start, "/api/password/reset/start", { token })).status,
    ).toBe(200);
    const code = latestCode(ada.phone);

    // Straight to the new password, without the code.
    const skipped = await post(finish, "/api/password/reset", {
      password: NEW_PASSWORD,
    });
    expect(skipped).toMatchObject({
      status: 401,
      json: { error: { code: "NO_CHALLENGE" } },
    });
    // Guessing: every wrong code until the challenge is dead.
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
      expect(
        (await post(verifyCode, "/api/otp/verify", { code: wrong })).status,
      ).not.toBe(200);
    }
    expect(
      (await post(verifyCode, "/api/otp/verify", { code })).status,
    ).not.toBe(200);
    expect(
      (await post(finish, "/api/password/reset", { password: NEW_PASSWORD }))
        .status,
    ).toBe(401);
    // Nor can the challenge become a session.
    const cookie = `${challengeCookieName()}=${cookieJar.get(challengeCookieName())}`;
    expect(await redeemSecondFactor(cookie)).toBeNull();
    expect(await passwordIs(ada.id, OLD_PASSWORD)).toBe(true);
  });

  it("never becomes a session, even once its code was entered", async () => {
    const ada = await account();
    await passSecondFactor(ada);
    const cookie = `${challengeCookieName()}=${cookieJar.get(challengeCookieName())}`;
    expect(await redeemSecondFactor(cookie)).toBeNull();
  });

  it("works once: a second use, and 20 uses at once, start exactly one code step", async () => {
    const ada = await account();
    const token = await passSecondFactor(ada);
    const again = await post(start, "/api/password/reset/start", { token });
    expect(again).toMatchObject({
      status: 410,
      json: { error: { code: "EMAIL_LINK_INVALID", final: true } },
    });

    const grace = await account();
    await post(forgot, "/api/password/forgot", { email: grace.email });
    const raced = tokenOf(latestLink(grace.email));
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(start, "/api/password/reset/start", { token: raced }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 410)).toHaveLength(19);
    expect(listOutbox(grace.phone)).toHaveLength(1);
  });

  it("is refused once expired, and once a newer link was sent", async () => {
    const ada = await account();
    await post(forgot, "/api/password/forgot", { email: ada.email });
    const first = tokenOf(latestLink(ada.email));
    await post(forgot, "/api/password/forgot", { email: ada.email });
    const second = tokenOf(latestLink(ada.email));
    expect(second).not.toBe(first);
    expect(
      (await post(start, "/api/password/reset/start", { token: first })).status,
    ).toBe(410);

    await (
      await getDb()
    ).emailLink.updateMany({
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await post(start, "/api/password/reset/start", { token: second }))
        .status,
    ).toBe(410);
    expect(listOutbox(ada.phone)).toHaveLength(0);
  });

  it("is refused when the account's address changed since it was sent", async () => {
    const ada = await account();
    await post(forgot, "/api/password/forgot", { email: ada.email });
    const token = tokenOf(latestLink(ada.email));
    await (
      await getDb()
    ).user.update({
      where: { id: ada.id },
      data: { email: `new.${ada.email}` },
    });
    expect(
      (await post(start, "/api/password/reset/start", { token })).status,
    ).toBe(410);
  });

  it("refuses a weak new password on its field and keeps the step open for a better one", async () => {
    const ada = await account();
    await passSecondFactor(ada);
    const weak = await post(finish, "/api/password/reset", {
      password: "password123",
    });
    expect(weak).toMatchObject({
      status: 400,
      json: {
        error: {
          code: "PASSWORD_TOO_COMMON",
          fields: { password: expect.any(String) },
        },
      },
    });
    expect(
      (await post(finish, "/api/password/reset", { password: NEW_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it("sets the password once when the form is sent twice at the same time", async () => {
    const ada = await account();
    await passSecondFactor(ada);
    const replies = await Promise.all(
      ["first choice passphrase 1", "second choice passphrase 2"].map(
        (password) => post(finish, "/api/password/reset", { password }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it("gives the link back when the code step is refused before any code goes out", async () => {
    const ada = await account();
    await post(forgot, "/api/password/forgot", { email: ada.email });
    const token = tokenOf(latestLink(ada.email));
    const target = {
      phone: ada.phone,
      facts: phoneFacts(ada.phone),
      account: `user:${ada.id}`,
      verified: true,
      addressBucket: "elsewhere",
    };
    for (let i = 0; i < 5; i++)
      expect(await consumeSendLimits(target)).toBeNull();

    const refused = await post(start, "/api/password/reset/start", { token });
    expect(refused).toMatchObject({
      status: 429,
      json: { error: { code: "PHONE_SEND_LIMIT" } },
    });
    expect(listOutbox(ada.phone)).toHaveLength(0);
    const [link] = await (await getDb()).emailLink.findMany();
    expect(link!.usedAt).toBeNull();
  });

  it("asks an account with an authenticator app for the app first, texting nothing", async () => {
    const ada = await account();
    const meta = { ip: nextIp(), userAgent: null };
    const messenger = createRecordingMessenger();
    const ctx = accountContext(ada, { messenger, request: meta });
    const setup = await startAuthenticatorSetup(ctx);
    if (!setup.ok) throw new Error(setup.error);
    const secret = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
    await turnOnAuthenticator(
      ctx,
      TOTP.generate({ secret, timestamp: Date.now() - 30_000 }),
    );

    await post(forgot, "/api/password/forgot", { email: ada.email });
    const token = tokenOf(latestLink(ada.email));
    const started = await post(start, "/api/password/reset/start", { token });
    expect(started).toEqual({
      status: 200,
      json: { ok: true, next: "/verify", delivery: "none", channel: null },
    });
    expect(listOutbox(ada.phone)).toEqual([]);
    const skipped = await post(finish, "/api/password/reset", {
      password: NEW_PASSWORD,
    });
    expect(skipped.status).toBe(401);
    const code = TOTP.generate({ secret });
    const verified = await post(verifyCode, "/api/otp/verify", {
      factor: "totp",
      code,
    });
    expect(verified.status).toBe(200);
    const reply = await post(finish, "/api/password/reset", {
      password: NEW_PASSWORD,
    });
    expect(reply.status).toBe(200);
    expect(await passwordIs(ada.id, NEW_PASSWORD)).toBe(true);
  });
});
