import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { POST as startReset } from "@/app/api/password/reset/start/route";
import { getDb } from "@/lib/db";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { getChallengeStore } from "@/lib/store";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import {
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import {
  postAsBrowser,
  setUpAccountRouteSuite,
  signInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import {
  codeFromSmsText,
  createRecordingMessenger,
} from "@/test/support/messenger";
import { clearBrowser, cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as removeApp } from "./authenticator/remove/route";
import { POST as textCodes } from "./text-codes/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Don't accept text-message codes": a SIM swap (or a redirected call) must open nothing once the
// owner has turned text codes off: no code is texted or called, none is taken, and a reset must
// pass a stronger factor. Each attack below runs against the real routes.

const PASSWORD = "a long enough password";
let addresses = 0;
const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) =>
  postAsBrowser(handler, path, body, `198.51.100.${(addresses++ % 250) + 1}`);

setUpAccountRouteSuite();

/** A person with an authenticator app and recovery codes, signed in on this browser just now. */
async function personWithStrongerFactors() {
  const email = `t${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3361");
  const account = await createTestAccount({
    email,
    phone,
    password: PASSWORD,
    emailVerified: true,
  });
  const ctx = accountContext(
    { id: account.id, email },
    { messenger: createRecordingMessenger() },
  );
  const setup = await startAuthenticatorSetup(ctx);
  if (!setup.ok) throw new Error(setup.error);
  const secret = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
  const past = Date.now() - 30_000;
  await turnOnAuthenticator(ctx, TOTP.generate({ secret, timestamp: past }));
  const codes = await generateRecoveryCodeSet(ctx);
  if (!codes.ok) throw new Error(codes.error);
  await signInBrowser(account.id, email);
  return { id: account.id, email, phone, secret, codes: codes.codes };
}

const turnTextCodes = (off: boolean) =>
  post(textCodes, "/api/account/text-codes", { off });

/** This browser's sign-in from the password, as a stranger with the password would start it. */
async function passwordStep(email: string) {
  clearBrowser();
  return post(login, "/api/login", { email, password: PASSWORD });
}

const challengeNow = () =>
  getChallengeStore().getChallenge(cookieJar.get(challengeCookieName())!);

const textsTo = (phone: string) =>
  listOutbox(phone).filter((m) => /\b\d{6}\b/.test(m.text));

describe("don't accept text-message codes", () => {
  it("with it on, the password step texts nothing and the challenge does not take the phone", async () => {
    const p = await personWithStrongerFactors();
    expect(await turnTextCodes(true)).toEqual({
      status: 200,
      json: { ok: true, textCodesOff: true },
    });
    expect(await passwordStep(p.email)).toMatchObject({
      status: 200,
      json: { ok: true, delivery: "none", channel: null },
    });
    expect((await challengeNow())!.factors).toEqual(["totp", "recovery"]);
    expect(textsTo(p.phone)).toEqual([]);
    // The phone stays on the account for notices: it was told of the change.
    expect(listOutbox(p.phone).map((m) => m.text)).toEqual([
      expect.stringContaining("no longer accepts codes by text or call"),
    ]);
  });

  it.each(["sms", "voice"] as const)(
    "with it on, asking for a code by %s is refused and nothing goes out",
    async (channel) => {
      const p = await personWithStrongerFactors();
      await turnTextCodes(true);
      await passwordStep(p.email);
      expect(await post(send, "/api/otp/send", { channel })).toMatchObject({
        status: 403,
        json: { ok: false, error: { code: "TEXT_CODES_OFF" } },
      });
      expect(textsTo(p.phone)).toEqual([]);
      expect(listOutbox(p.phone).filter((m) => m.channel === "voice")).toEqual(
        [],
      );
      expect((await challengeNow())!.sends).toBe(0);
    },
  );

  it("refuses a phone code texted before it was turned on, and a made-up one; that challenge can then never be redeemed", async () => {
    const p = await personWithStrongerFactors();
    await passwordStep(p.email);
    // Before the switch: a code is texted (a SIM swapper reads it).
    expect((await post(send, "/api/otp/send", { channel: "sms" })).status).toBe(
      200,
    );
    const code = codeFromSmsText(textsTo(p.phone).at(-1)!.text);
    const challengeCookie = cookieJar.get(challengeCookieName())!;
    await signInBrowser(p.id, p.email);
    await turnTextCodes(true);
    clearBrowser();
    cookieJar.set(challengeCookieName(), challengeCookie);
    // Turning text codes off ends every challenge opened before it (its security-change row), so
    // neither a made-up code nor the one the swapper read reaches a challenge any more.
    const forged = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (const tried of [forged, code])
      expect(
        await post(verify, "/api/otp/verify", { code: tried }),
      ).toMatchObject({
        status: 401,
        json: { ok: false, error: { code: "NO_CHALLENGE" } },
      });
    expect(
      await getChallengeStore().redeemChallenge(challengeCookie),
    ).toBeNull();
    // The owner's app still signs in.
    await passwordStep(p.email);
    expect(
      await post(verify, "/api/otp/verify", {
        factor: "totp",
        code: TOTP.generate({ secret: p.secret }),
      }),
    ).toMatchObject({ status: 200, json: { ok: true } });
  });

  it("a reset cannot finish with a phone code: its second step asks for the app or a recovery code", async () => {
    const p = await personWithStrongerFactors();
    await turnTextCodes(true);
    clearBrowser();
    await post(forgot, "/api/password/forgot", { email: p.email });
    const mail = listOutbox(p.email).find((m) => /#token=/.test(m.text))!;
    const token = mail.text.match(/#token=([\w-]+)/)![1]!;
    expect(
      await post(startReset, "/api/password/reset/start", { token }),
    ).toMatchObject({ status: 200, json: { ok: true, next: "/verify" } });
    expect((await challengeNow())!).toMatchObject({
      purpose: "reset",
      factors: ["totp", "recovery"],
      sends: 0,
    });
    expect((await post(send, "/api/otp/send", { channel: "sms" })).status).toBe(
      403,
    );
    expect(
      await post(verify, "/api/otp/verify", { code: "123456" }),
    ).toMatchObject({ status: 400, json: { ok: false } });
    expect(textsTo(p.phone)).toEqual([]);
    const app = await post(verify, "/api/otp/verify", {
      factor: "totp",
      code: TOTP.generate({ secret: p.secret }),
    });
    expect(app).toMatchObject({ status: 200, json: { ok: true } });
  });

  it("with it off, the password step texts a code that signs in, as before", async () => {
    const p = await personWithStrongerFactors();
    await turnTextCodes(true);
    await signInBrowser(p.id, p.email);
    expect(await turnTextCodes(false)).toEqual({
      status: 200,
      json: { ok: true, textCodesOff: false },
    });
    await passwordStep(p.email);
    expect((await challengeNow())!.factors).toEqual([
      "totp",
      "phone",
      "recovery",
    ]);
    expect((await post(send, "/api/otp/send", { channel: "sms" })).status).toBe(
      200,
    );
    const code = codeFromSmsText(textsTo(p.phone).at(-1)!.text);
    expect(await post(verify, "/api/otp/verify", { code })).toMatchObject({
      status: 200,
      json: { ok: true },
    });
  });
});

describe("turning text-message codes off", () => {
  it("is refused without a stronger factor and recovery codes, and without a fresh second factor", async () => {
    const email = `t${randomInt(1e9)}@example.com`;
    const phoneOnly = await createTestAccount({
      email,
      phone: randomMobile("+3361"),
    });
    await signInBrowser(phoneOnly.id, email);
    expect(await turnTextCodes(true)).toMatchObject({
      status: 409,
      json: { error: { code: "TEXT_CODES_NEEDED" } },
    });
    const p = await personWithStrongerFactors();
    await signInBrowser(p.id, p.email, 11);
    expect(await turnTextCodes(true)).toMatchObject({
      status: 403,
      json: { error: { code: "REAUTH_REQUIRED" } },
    });
    const db = await getDb();
    const rows = await db.user.findMany({ where: { textCodesOff: true } });
    expect(rows).toEqual([]);
  });

  it("text codes come back by themselves once the app is removed, so the person is never left without a way in", async () => {
    const p = await personWithStrongerFactors();
    await turnTextCodes(true);
    expect(
      (await post(removeApp, "/api/account/authenticator/remove", {})).status,
    ).toBe(200);
    await passwordStep(p.email);
    expect((await challengeNow())!.factors).toEqual(["phone", "recovery"]);
    expect(textsTo(p.phone)).toHaveLength(1);
  });

  it("text codes come back by themselves once the last recovery code is spent", async () => {
    const p = await personWithStrongerFactors();
    await turnTextCodes(true);
    const db = await getDb();
    await db.recoveryCode.updateMany({
      where: { factor: { userId: p.id } },
      data: { usedAt: new Date() },
    });
    await passwordStep(p.email);
    expect((await challengeNow())!.factors).toEqual(["totp", "phone"]);
    expect((await post(send, "/api/otp/send", { channel: "sms" })).status).toBe(
      200,
    );
  });
});
