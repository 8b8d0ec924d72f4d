import { randomInt } from "node:crypto";
import { decode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { POST as generateCodes } from "@/app/api/account/recovery-codes/route";
import { POST as login } from "@/app/api/login/route";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { savePasskey } from "@/lib/factors/passkey-records";
import { checkRegistration, registrationOptions } from "@/lib/factors/webauthn";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { createTestAccount } from "@/test/support/accounts";
import {
  postAsBrowser,
  SESSION_COOKIE,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { createNextAuthClient } from "@/test/support/next-auth";
import { cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import {
  softwarePasskey,
  type SoftwarePasskey,
} from "@/test/support/software-authenticator";
import { POST as passkeyOptions } from "./route";
import { POST as passkeyVerify } from "./verify/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Sign in with a passkey" through the real routes and next-auth's own sign-in: a discoverable
// passkey with user verification is the whole sign-in, and the session it makes says so.

const PASSWORD = "a long enough password";
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);
const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object = {},
) => postAsBrowser(handler, path, body, "198.51.100.41");
const origin = () => new URL(getEnv().appUrl).origin;

setUpAccountRouteSuite();

/** A person with a passkey added as the account page adds one (discoverable unless told). */
async function personWithPasskey(
  opts: { discoverable?: boolean; keepsCounter?: boolean } = {},
) {
  const email = `k${randomInt(1e9)}@example.com`;
  const p = await createTestAccount({
    email,
    phone: randomMobile("+3365"),
    password: PASSWORD,
  });
  const passkey = softwarePasskey(opts);
  const options = await registrationOptions(getEnv().appUrl, p, []);
  expect(options.authenticatorSelection?.residentKey).toBe("required");
  const saved = await checkRegistration(
    getEnv().appUrl,
    p.id,
    passkey.register(options, origin()),
  );
  expect(await savePasskey(p.id, "Laptop", saved!)).toBe("added");
  return { ...p, passkey };
}

async function askOptions() {
  const reply = await post(passkeyOptions, "/api/login/passkey");
  expect(reply.status).toBe(200);
  return reply.json.options;
}

async function signInWith(passkey: SoftwarePasskey, over = {}) {
  const response = passkey.assert(await askOptions(), origin(), over);
  return {
    response,
    reply: await post(passkeyVerify, "/api/login/passkey/verify", { response }),
  };
}

describe("sign in with a passkey", () => {
  it("signs in with a discoverable passkey alone through next-auth: the session records it and counts as a fresh second factor", async () => {
    const p = await personWithPasskey();
    const options = await askOptions();
    // Names no account: the browser offers whatever passkey it holds for this site.
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe("required");
    const reply = await post(passkeyVerify, "/api/login/passkey/verify", {
      response: p.passkey.assert(options, origin()),
      callbackUrl: "/account",
    });
    expect(reply).toEqual({
      status: 200,
      json: { ok: true, next: "/account", signIn: true },
    });
    const { cookie } = await nextAuth.signIn(
      cookieJar.get(challengeCookieName())!,
    );
    expect(cookie).toBeTruthy();
    const value = cookie!.slice(cookie!.indexOf("=") + 1);
    const token = await decode({
      token: value,
      secret: process.env.NEXTAUTH_SECRET!,
    });
    expect(token).toMatchObject({ sub: p.id, amr: "passkey" });
    // A change that asks for a second factor in the last 10 minutes goes through.
    cookieJar.set(SESSION_COOKIE, value);
    expect(
      (await post(generateCodes, "/api/account/recovery-codes")).status,
    ).toBe(200);
    const db = await getDb();
    const rows = await db.authEvent.findMany({
      where: { userId: p.id, type: "login_success" },
    });
    expect(rows.map((r) => r.detail)).toEqual([
      expect.objectContaining({ purpose: "passkey", factor: "passkey" }),
    ]);
  });

  it("spends one answer once, even from a passkey that keeps no counter", async () => {
    const p = await personWithPasskey({ keepsCounter: false });
    const { response, reply } = await signInWith(p.passkey);
    expect(reply.status).toBe(200);
    cookieJar.delete(challengeCookieName());
    const again = await post(passkeyVerify, "/api/login/passkey/verify", {
      response,
    });
    expect(again).toMatchObject({
      status: 409,
      json: { ok: false, error: { code: "PASSKEY_ALREADY_USED" } },
    });
    expect(cookieJar.has(challengeCookieName())).toBe(false);
  });

  it("refuses another site's answer, one without user verification, and a passkey that is not discoverable", async () => {
    const p = await personWithPasskey();
    for (const over of [{ rpId: "evil.example" }, { userVerified: false }]) {
      const { reply } = await signInWith(p.passkey, over);
      expect(reply).toMatchObject({
        status: 400,
        json: { ok: false, error: { code: "PASSKEY_FAILED" } },
      });
    }
    const evil = await post(passkeyVerify, "/api/login/passkey/verify", {
      response: p.passkey.assert(await askOptions(), "https://evil.example"),
    });
    expect(evil.status).toBe(400);
    // A passkey added before passkeys were made discoverable answers only a request that names
    // it, with no user handle: it stays the second step after the password, never the whole sign-in.
    const old = await personWithPasskey({ discoverable: false });
    const named = {
      ...(await askOptions()),
      allowCredentials: [{ id: old.passkey.credentialId, type: "public-key" }],
    };
    const refused = await post(passkeyVerify, "/api/login/passkey/verify", {
      response: old.passkey.assert(named, origin()),
    });
    expect(refused).toMatchObject({ status: 400, json: { ok: false } });
    expect(cookieJar.has(challengeCookieName())).toBe(false);
    // The password step still offers it as the second factor.
    const step = await post(login, "/api/login", {
      email: old.email,
      password: PASSWORD,
    });
    expect(step.status).toBe(200);
    expect(cookieJar.has(challengeCookieName())).toBe(true);
  });

  it("refuses an answer to a request that was not this app's, or one that has ended", async () => {
    const p = await personWithPasskey();
    const forged = await post(passkeyVerify, "/api/login/passkey/verify", {
      response: p.passkey.assert(
        {
          challenge: Buffer.from("made up").toString("base64url"),
          rpId: new URL(origin()).hostname,
        },
        origin(),
      ),
    });
    expect(forged).toMatchObject({
      status: 400,
      json: { ok: false, error: { code: "PASSKEY_EXPIRED" } },
    });
    const options = await askOptions();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6 * 60_000 });
    try {
      const late = await post(passkeyVerify, "/api/login/passkey/verify", {
        response: p.passkey.assert(options, origin()),
      });
      expect(late).toMatchObject({
        status: 400,
        json: { ok: false, error: { code: "PASSKEY_EXPIRED" } },
      });
    } finally {
      vi.useRealTimers();
    }
  });
});
