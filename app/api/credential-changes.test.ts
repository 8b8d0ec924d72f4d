import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as otpSend } from "@/app/api/otp/send/route";
import { POST as otpVerify } from "@/app/api/otp/verify/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { POST as finishReset } from "@/app/api/password/reset/route";
import { POST as resetStart } from "@/app/api/password/reset/start/route";
import { redeemSecondFactor } from "@/lib/auth/redeem";
import { challengeAccountOf } from "@/lib/challenge/id";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { getChallengeStore } from "@/lib/store";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import {
  postAsBrowser,
  setUpAccountRouteSuite,
  signInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { testContext } from "@/test/support/context";
import { codeFromSmsText } from "@/test/support/messenger";
import { clearBrowser, cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as startPhoneChange } from "./account/phone/route";
import { POST as confirmPhone } from "./account/phone/verify/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.hoisted(() => {
  // Behind one trusted proxy, so each test's client address is its own; resends without a wait.
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.RESEND_COOLDOWN_SECONDS = "0";
});

// A challenge opened before the account's credentials changed is gone (the security-change
// table's endOpenChallenges column): through the real routes, someone who passed a sign-in's code
// step just before the owner reset the password cannot turn it into a session after, and a sign-in
// started before a phone change sends nothing more to the number that went away.

const PASSWORD = "a long enough password";
const NEW_PASSWORD = "a brand new passphrase 42";
let addresses = 0;
const newAddress = () => `198.51.100.${(addresses++ % 250) + 1}`;
const latestCode = (to: string) => codeFromSmsText(listOutbox(to)[0]!.text);
const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) => postAsBrowser(handler, path, body, newAddress());

async function person() {
  return createTestAccount({
    email: `cc${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3361"),
    password: PASSWORD,
    emailVerified: true,
  });
}

/** Another browser's password step, as someone who knows the password: its challenge id. */
async function signInStartedBy(p: { email: string }) {
  clearBrowser();
  const started = await post(login, "/api/login", {
    email: p.email,
    password: PASSWORD,
  });
  expect(started.status).toBe(200);
  return cookieJar.get(challengeCookieName())!;
}

/** The owner's "Forgot password?" in a browser of their own: link, code, new password. */
async function ownerResets(p: { email: string; phone: string }) {
  clearBrowser();
  expect(
    (await post(forgot, "/api/password/forgot", { email: p.email })).status,
  ).toBe(200);
  const mail = listOutbox(p.email).find((e) => /#token=/.test(e.text))!;
  const token = mail.text.match(/#token=([\w-]+)/)![1]!;
  expect(
    (await post(resetStart, "/api/password/reset/start", { token })).status,
  ).toBe(200);
  const code = latestCode(p.phone);
  expect((await post(otpVerify, "/api/otp/verify", { code })).status).toBe(200);
  const body = { password: NEW_PASSWORD };
  expect((await post(finishReset, "/api/password/reset", body)).status).toBe(
    200,
  );
}

setUpAccountRouteSuite();

describe("a credential change ends the challenges opened before it", () => {
  it("a sign-in whose code passed before a password reset gets no session after it", async () => {
    const p = await person();
    const id = await signInStartedBy(p);
    const code = latestCode(p.phone);
    const passed = await post(otpVerify, "/api/otp/verify", { code });
    expect(passed.json).toMatchObject({ ok: true, signIn: true });

    await ownerResets(p);

    const cookie = `${challengeCookieName()}=${id}`;
    expect(await redeemSecondFactor(cookie)).toBeNull();
  });

  it("a sign-in started before a phone change sends no more codes to the old number, nor takes the last one", async () => {
    const p = await person();
    const id = await signInStartedBy(p);
    const code = latestCode(p.phone);

    clearBrowser();
    await signInBrowser(p.id, p.email);
    const next = randomMobile("+3361");
    await post(startPhoneChange, "/api/account/phone", { phone: next });
    const confirmed = await post(confirmPhone, "/api/account/phone/verify", {
      code: latestCode(next),
    });
    expect(confirmed.status).toBe(200);

    clearBrowser();
    cookieJar.set(challengeCookieName(), id);
    const texts = listOutbox(p.phone).length;
    const resent = await post(otpSend, "/api/otp/send", { channel: "sms" });
    expect(resent.json).toMatchObject({ error: { code: "NO_CHALLENGE" } });
    const called = await post(otpSend, "/api/otp/send", { channel: "voice" });
    expect(called.json).toMatchObject({ error: { code: "NO_CHALLENGE" } });
    expect(listOutbox(p.phone).length).toBe(texts);
    const verified = await post(otpVerify, "/api/otp/verify", { code });
    expect(verified.json).toMatchObject({ error: { code: "NO_CHALLENGE" } });
  });

  it("a password step that a credential change overtakes while the password is checked opens no challenge", async () => {
    const p = await person();
    const began = Date.now();
    // The change lands after the step began (its password read) and before its challenge opens.
    await getChallengeStore().markCredentialsChanged(
      challengeAccountOf(`user:${p.id}`),
      began + 5,
      900,
    );
    let readings = 0;
    const ctx = testContext({
      now: () => (readings++ === 0 ? began : began + 10),
    });
    const step = await checkPasswordStep(ctx, {
      email: p.email,
      password: PASSWORD,
    });
    expect(step).toMatchObject({ ok: false, error: "NO_CHALLENGE" });
    expect(listOutbox(p.phone)).toEqual([]);
  });
});
