import { randomInt } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { getEnv } from "@/lib/env";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { deviceCookieName } from "@/lib/http/device-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { startSession } from "@/lib/sessions";
import { createTestAccount } from "@/test/support/accounts";
import {
  postAsBrowser,
  SESSION_COOKIE,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { codeFromSmsText } from "@/test/support/messenger";
import { createNextAuthClient } from "@/test/support/next-auth";
import { cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { softwarePasskey } from "@/test/support/software-authenticator";
import { POST as setUpApp } from "./authenticator/route";
import { POST as turnOnApp } from "./authenticator/confirm/route";
import { POST as removeApp } from "./authenticator/remove/route";
import { POST as changeEmail } from "./email/route";
import { POST as passkeyOptions } from "./passkeys/route";
import { POST as addPasskey } from "./passkeys/add/route";
import { POST as removePasskey } from "./passkeys/remove/route";
import { POST as changePassword } from "./password/route";
import { POST as changePhone } from "./phone/route";
import { POST as confirmPhone } from "./phone/verify/route";
import { POST as generateCodes } from "./recovery-codes/route";
import { POST as signOutOne } from "./sessions/sign-out/route";
import { POST as signOutOthers } from "./sessions/sign-out-others/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// A remembered browser proves the password and a cookie, not a second factor. Signed in through
// the real routes (the password step, then next-auth's own sign-in), its session records how it
// signed in ("device") and every change that needs a fresh second factor is refused; "Sign in
// again" asks for the second factor on that same browser, and then the changes go through.

const PASSWORD = "a long enough password";
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);
const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object = {},
) => postAsBrowser(handler, path, body, "198.51.100.23");
const REAUTH = {
  status: 403,
  json: { ok: false, error: { code: "REAUTH_REQUIRED" } },
};

setUpAccountRouteSuite();

async function person() {
  const email = `r${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3364");
  return createTestAccount({ email, phone, password: PASSWORD });
}

const latestCode = (to: string) => codeFromSmsText(listOutbox(to)[0]!.text);

/** The password step from this browser (its device cookie, if any, goes along); its reply. */
async function passwordStep(p: { email: string }, extra: object = {}) {
  cookieJar.delete(challengeCookieName());
  const reply = await post(login, "/api/login", {
    email: p.email,
    password: PASSWORD,
    ...extra,
  });
  expect(reply.status).toBe(200);
  return reply.json as { signIn?: boolean; delivery: string };
}

/** next-auth's sign-in with this browser's completed challenge; the session cookie goes in the jar. */
async function signInWithChallenge() {
  const { cookie } = await nextAuth.signIn(
    cookieJar.get(challengeCookieName())!,
  );
  expect(cookie).toBeTruthy();
  const value = cookie!.slice(cookie!.indexOf("=") + 1);
  cookieJar.set(SESSION_COOKIE, value);
  return decode({ token: value, secret: process.env.NEXTAUTH_SECRET! });
}

/** Remembered on a sign-in with a texted code, then signed out and back in by password alone. */
async function onRememberedBrowser() {
  const p = await person();
  await passwordStep(p);
  const code = latestCode(p.phone);
  expect(
    (await post(verify, "/api/otp/verify", { code, remember: true })).status,
  ).toBe(200);
  expect(cookieJar.has(deviceCookieName())).toBe(true);
  const texts = listOutbox(p.phone).length;
  expect(await passwordStep(p)).toMatchObject({ signIn: true });
  expect(listOutbox(p.phone)).toHaveLength(texts);
  const token = await signInWithChallenge();
  expect(token).toMatchObject({ sub: p.id, amr: "device" });
  return p;
}

/** "Sign in again" asking for the second factor: a code to the current phone, on this browser. */
async function signInAgainWithCode(p: { email: string; phone: string }) {
  const texts = listOutbox(p.phone).length;
  const step = await passwordStep(p, { secondFactor: "required" });
  expect(step).not.toHaveProperty("signIn");
  expect(listOutbox(p.phone)).toHaveLength(texts + 1);
  const code = latestCode(p.phone);
  expect((await post(verify, "/api/otp/verify", { code })).status).toBe(200);
  const token = await signInWithChallenge();
  expect(token).toMatchObject({ amr: "phone" });
}

/** A registration response the browser could send; the route must refuse it before reading it. */
function someRegistration() {
  const options = {
    challenge: "AAAAAAAAAAAAAAAAAAAAAA",
    rp: { id: new URL(getEnv().appUrl).hostname, name: "Twostep" },
    user: { id: "AAAA", name: "x", displayName: "x" },
    pubKeyCredParams: [{ type: "public-key" as const, alg: -7 }],
  };
  return softwarePasskey().register(options, new URL(getEnv().appUrl).origin);
}

describe("a sign-in on a remembered browser", () => {
  it("never counts as a fresh second factor: recovery codes, phone, email, app and passkey changes ask for one", async () => {
    await onRememberedBrowser();
    const newPhone = randomMobile("+3364");
    expect(
      await post(generateCodes, "/api/account/recovery-codes"),
    ).toMatchObject(REAUTH);
    expect(
      await post(changePhone, "/api/account/phone", { phone: newPhone }),
    ).toMatchObject(REAUTH);
    expect(listOutbox(newPhone)).toHaveLength(0);
    expect(
      await post(changeEmail, "/api/account/email", {
        newEmail: `n${randomInt(1e9)}@example.com`,
      }),
    ).toMatchObject(REAUTH);
    expect(await post(setUpApp, "/api/account/authenticator")).toMatchObject(
      REAUTH,
    );
    expect(
      await post(addPasskey, "/api/account/passkeys/add", {
        name: "Attacker's key",
        response: someRegistration(),
      }),
    ).toMatchObject(REAUTH);
  });

  it("is refused by every other route that declares a fresh second factor", async () => {
    await onRememberedBrowser();
    const other = await startSession((await person()).id);
    const calls = [
      [passkeyOptions, "/api/account/passkeys", {}],
      [turnOnApp, "/api/account/authenticator/confirm", { code: "123456" }],
      [removeApp, "/api/account/authenticator/remove", {}],
      [removePasskey, "/api/account/passkeys/remove", { id: "x" }],
      [confirmPhone, "/api/account/phone/verify", { code: "123456" }],
      [
        changePassword,
        "/api/account/password",
        { currentPassword: PASSWORD, newPassword: "another long password" },
      ],
      [signOutOthers, "/api/account/sessions/sign-out-others", {}],
      [signOutOne, "/api/account/sessions/sign-out", { id: other.id }],
    ] as const;
    for (const [handler, path, body] of calls)
      expect([path, await post(handler, path, body)]).toMatchObject([
        path,
        REAUTH,
      ]);
  });

  it("asks for the second factor on 'Sign in again', even with the device cookie, and then the changes go through", async () => {
    const p = await onRememberedBrowser();
    expect(
      await post(generateCodes, "/api/account/recovery-codes"),
    ).toMatchObject(REAUTH);
    await signInAgainWithCode(p);
    // The device cookie is still this browser's: only this sign-in asked for more.
    expect(cookieJar.has(deviceCookieName())).toBe(true);

    const codes = await post(generateCodes, "/api/account/recovery-codes");
    expect(codes.status).toBe(200);
    expect(codes.json.codes).toHaveLength(10);
    const app = await post(setUpApp, "/api/account/authenticator");
    expect(app.status).toBe(200);
    expect(app.json.setupKey).toBeTruthy();
    const start = await post(passkeyOptions, "/api/account/passkeys");
    const origin = new URL(getEnv().appUrl).origin;
    const response = softwarePasskey().register(start.json.options, origin);
    expect(
      await post(addPasskey, "/api/account/passkeys/add", {
        name: "Laptop",
        response,
      }),
    ).toEqual({ status: 200, json: { ok: true } });
    const newPhone = randomMobile("+3364");
    expect(
      (await post(changePhone, "/api/account/phone", { phone: newPhone }))
        .status,
    ).toBe(200);
    expect(listOutbox(newPhone)).toHaveLength(1);
    expect(
      (
        await post(changeEmail, "/api/account/email", {
          newEmail: `n${randomInt(1e9)}@example.com`,
        })
      ).status,
    ).toBe(200);
  });
});

describe("a session cookie that does not say how it signed in", () => {
  it("is still signed in, but never counts as a fresh second factor", async () => {
    const p = await person();
    const session = await startSession(p.id);
    const authTime = Math.floor(Date.now() / 1000);
    const token = { sub: p.id, email: p.email, sid: session.id, authTime };
    const value = await encode({ token, secret: process.env.NEXTAUTH_SECRET! });
    cookieJar.set(SESSION_COOKIE, value);
    expect((await nextAuth.session(`${SESSION_COOKIE}=${value}`)).user).toEqual(
      expect.objectContaining({ id: p.id }),
    );
    expect(
      await post(generateCodes, "/api/account/recovery-codes"),
    ).toMatchObject(REAUTH);
  });
});
