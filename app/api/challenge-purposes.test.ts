import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as otpSend } from "@/app/api/otp/send/route";
import { POST as otpVerify } from "@/app/api/otp/verify/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { POST as resetStart } from "@/app/api/password/reset/start/route";
import { redeemSecondFactor } from "@/lib/auth/redeem";
import { getDb } from "@/lib/db";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { deviceCookieName } from "@/lib/http/device-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { getChallengeStore } from "@/lib/store";
import {
  postAsBrowser,
  setUpAccountRouteSuite,
  signInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { codeFromSmsText } from "@/test/support/messenger";
import { clearBrowser, cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as startPhoneChange } from "./account/phone/route";
import { POST as phoneSend } from "./account/phone/send/route";
import { POST as confirmPhone } from "./account/phone/verify/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Behind one trusted proxy, so each test's client address is its own.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
});

// Each code step takes only the challenges it is for (lib/challenge/purposes.ts), whatever a person
// copies from one cookie into another: through the real routes, a phone change's challenge never
// completes the sign-in's code step (nor remembers a browser, nor reaches next-auth), and a
// sign-in's never completes a phone change (which the phone change's own record check already held).

const PASSWORD = "a long enough password";
const PHONE_CHANGE_COOKIE = "twostep_phone_change";
let addresses = 0;
const newAddress = () => `203.0.113.${addresses++ % 256}`;
const latestCode = (to: string) => codeFromSmsText(listOutbox(to)[0]!.text);

async function person() {
  return createTestAccount({
    email: `p${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3367"),
    password: PASSWORD,
    emailVerified: true,
  });
}

async function rememberedDevices(userId: string) {
  return (await getDb()).rememberedDevice.count({ where: { userId } });
}

/** A signed-in browser (fresh second factor) that starts a phone change to `to`: its challenge id. */
async function phoneChangeTo(p: { id: string; email: string }, to: string) {
  await signInBrowser(p.id, p.email);
  const started = await postAsBrowser(
    startPhoneChange,
    "/api/account/phone",
    { phone: to },
    newAddress(),
  );
  expect(started.status).toBe(200);
  return cookieJar.get(PHONE_CHANGE_COOKIE)!;
}

setUpAccountRouteSuite();

describe("each code step takes only the challenges it is for", () => {
  it("a phone change's challenge copied into the sign-in cookie neither verifies nor remembers this browser", async () => {
    const p = await person();
    const attackers = randomMobile("+3367");
    const id = await phoneChangeTo(p, attackers);
    cookieJar.set(challengeCookieName(), id);
    const code = latestCode(attackers);

    const answer = await postAsBrowser(
      otpVerify,
      "/api/otp/verify",
      { code, remember: true },
      newAddress(),
    );
    expect(answer.json).toMatchObject({ error: { code: "NO_CHALLENGE" } });
    expect(cookieJar.has(deviceCookieName())).toBe(false);
    expect(await rememberedDevices(p.id)).toBe(0);
    // Nor does the sign-in's resend reach it, nor next-auth spend it: it is still the phone change's.
    const resend = await postAsBrowser(
      otpSend,
      "/api/otp/send",
      { channel: "sms" },
      newAddress(),
    );
    expect(resend.json.error.code).toBe("NO_CHALLENGE");
    expect(
      await redeemSecondFactor(`${challengeCookieName()}=${id}`),
    ).toBeNull();
    expect((await getChallengeStore().getChallenge(id))?.status).toBe(
      "pending",
    );
  });

  it("a sign-in's challenge copied into the phone-change cookie neither sends nor changes the number", async () => {
    const p = await person();
    clearBrowser();
    const password = { email: p.email, password: PASSWORD };
    const started = await postAsBrowser(
      login,
      "/api/login",
      password,
      newAddress(),
    );
    expect(started.status).toBe(200);
    const id = cookieJar.get(challengeCookieName())!;
    const code = latestCode(p.phone);

    await signInBrowser(p.id, p.email);
    cookieJar.set(PHONE_CHANGE_COOKIE, id);
    const body = { channel: "sms" };
    const sent = await postAsBrowser(
      phoneSend,
      "/api/account/phone/send",
      body,
      newAddress(),
    );
    expect(sent.json.error.code).toBe("NO_CHALLENGE");
    const confirmed = await postAsBrowser(
      confirmPhone,
      "/api/account/phone/verify",
      { code },
      newAddress(),
    );
    expect(confirmed.json.error.code).toBe("NO_CHALLENGE");
    expect((await getChallengeStore().getChallenge(id))?.status).toBe(
      "pending",
    );
  });

  it("a reset's code step remembers no browser: only a sign-in or a sign-up does", async () => {
    const p = await person();
    clearBrowser();
    const asked = await postAsBrowser(
      forgot,
      "/api/password/forgot",
      { email: p.email },
      newAddress(),
    );
    expect(asked.status).toBe(200);
    const mail = listOutbox(p.email).find((e) => /#token=/.test(e.text))!;
    const token = mail.text.match(/#token=([\w-]+)/)![1]!;
    const body = { token };
    const reset = await postAsBrowser(
      resetStart,
      "/api/password/reset/start",
      body,
      newAddress(),
    );
    expect(reset.status).toBe(200);
    const code = latestCode(p.phone);
    const answer = await postAsBrowser(
      otpVerify,
      "/api/otp/verify",
      { code, remember: true },
      newAddress(),
    );
    expect(answer.json).toMatchObject({ next: "/reset-password/new" });
    expect(cookieJar.has(deviceCookieName())).toBe(false);
    expect(await rememberedDevices(p.id)).toBe(0);
  });
});
