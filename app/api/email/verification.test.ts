import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as verifyCode } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { closeDb, getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import { testContext } from "@/test/support/context";
import { resendVerificationEmail } from "@/lib/steps/verify-email";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { randomMobile } from "@/test/support/phones";
import {
  openBrowser,
  postFrom,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { POST as resend } from "./resend/route";
import { POST as confirm } from "./verify/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
installNextHeadersForCjs(); // next-auth reads the session cookie through require("next/headers")

// A sign-up's address gets a link; it is "unverified" until that link is used, once.

let people = 0;
const ip = () => `192.0.2.${(people % 250) + 1}`;

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  const response = await handler(jsonRequest(path, body, { ip: ip() }));
  return { status: response.status, json: await response.json() };
}

/** A whole sign-up through the routes: the new account's id and address. */
async function signUp() {
  people++;
  const phone = randomMobile("+3361");
  const email = `verify.${phone.slice(1)}@example.com`;
  cookieJar.clear();
  const person = { email, password: "long enough for this", phone };
  expect((await post(signup, "/api/signup", person)).status).toBe(200);
  const code = codeFromSmsText(listOutbox(phone)[0]!.text);
  expect((await post(verifyCode, "/api/otp/verify", { code })).status).toBe(
    200,
  );
  const user = await (
    await getDb()
  ).user.findFirstOrThrow({
    where: { email },
  });
  // Signed in, as next-auth leaves the browser after the code step.
  const browser = await openBrowser(user.id, { email });
  return { id: user.id, email, browser };
}

/** "Confirm email address" in the browser `who` signed up in. */
const confirmIn = (who: { browser: SignedInBrowser }, token: string) =>
  postFrom(who.browser, confirm, "/api/email/verify", { token }, ip());

const tokenIn = (email: string, nth = 0) => {
  const mails = listOutbox(email).filter((e) => e.channel === "email");
  return mails[nth]!.text.match(/\/verify-email#token=([\w-]{43})\n/)![1]!;
};
const verifiedAt = async (id: string) =>
  (await (await getDb()).user.findUniqueOrThrow({ where: { id } }))
    .emailVerifiedAt;

beforeEach(() => resetTables());
afterAll(async () => closeDb(await getDb()));

describe("email verification", () => {
  it("sends a new account's address a link that works once, for 24 hours, stored only as a hash", async () => {
    const ada = await signUp();
    expect(await verifiedAt(ada.id)).toBeNull();
    const [mail] = listOutbox(ada.email);
    expect(mail).toMatchObject({
      channel: "email",
      to: ada.email,
      subject: "Confirm your email address for Twostep",
    });
    expect(mail!.text).toContain("http://localhost:3000/verify-email#token=");
    const token = tokenIn(ada.email);
    const [row] = await (await getDb()).emailLink.findMany();
    expect(row).toMatchObject({ purpose: "verify_email", email: ada.email });
    expect(JSON.stringify(row)).not.toContain(token);
    const hours = (row!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    expect(await confirmIn(ada, token)).toEqual({
      status: 200,
      json: { ok: true },
    });
    expect(await verifiedAt(ada.id)).toBeInstanceOf(Date);
    const events = await (
      await getDb()
    ).authEvent.findMany({
      where: { userId: ada.id, type: "email_verified" },
    });
    expect(events).toHaveLength(1);

    const again = await confirmIn(ada, token);
    expect(again).toMatchObject({
      status: 410,
      json: { error: { code: "EMAIL_LINK_INVALID" } },
    });
  });

  it("refuses an expired link, a made-up one, and one sent to an address the account no longer has", async () => {
    const ada = await signUp();
    const db = await getDb();
    await db.emailLink.updateMany({
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const expired = await confirmIn(ada, tokenIn(ada.email));
    expect(expired.status).toBe(410);
    const madeUp = await confirmIn(ada, "A".repeat(43));
    expect(madeUp.status).toBe(410);

    const grace = await signUp();
    await db.user.update({
      where: { id: grace.id },
      data: { email: `other.${grace.email}` },
    });
    const moved = await confirmIn(grace, tokenIn(grace.email));
    expect(moved.status).toBe(410);
    expect(await verifiedAt(ada.id)).toBeNull();
    expect(await verifiedAt(grace.id)).toBeNull();
  });

  it("resends a link that replaces the last, up to 3 an hour, and not once the address is verified", async () => {
    const ada = await signUp();
    const deps = testContext();
    expect(await resendVerificationEmail(deps, ada.id)).toEqual({ ok: true });
    const [newest, first] = [tokenIn(ada.email, 0), tokenIn(ada.email, 1)];
    expect(newest).not.toBe(first);
    expect((await confirmIn(ada, first)).status).toBe(410);

    expect(await resendVerificationEmail(deps, ada.id)).toEqual({ ok: true });
    expect(await resendVerificationEmail(deps, ada.id)).toEqual({ ok: true });
    expect(await resendVerificationEmail(deps, ada.id)).toMatchObject({
      ok: false,
      error: "VERIFY_EMAIL_LIMIT",
    });

    const grace = await signUp();
    await confirmIn(grace, tokenIn(grace.email));
    expect(await resendVerificationEmail(deps, grace.id)).toMatchObject({
      ok: false,
      error: "EMAIL_ALREADY_VERIFIED",
    });
  });

  it("sends nothing to someone who is not signed in", async () => {
    const sent = listOutbox().length;
    const reply = await post(resend, "/api/email/resend", {});
    expect(reply).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
    expect(listOutbox().length).toBe(sent);
  });

  it("leaves an unverified address without password resets", async () => {
    const { requestPasswordReset } =
      await import("@/lib/steps/forgot-password");
    const ada = await signUp();
    const meta = { ip: "192.0.2.200", userAgent: null };
    await requestPasswordReset(testContext({ request: meta }), ada.email);
    expect(listOutbox(ada.email)).toHaveLength(1); // the verification link only
    await confirmIn(ada, tokenIn(ada.email));
    await requestPasswordReset(testContext({ request: meta }), ada.email);
    expect(listOutbox(ada.email)[0]!.subject).toBe(
      "Reset your Twostep password",
    );
  });
});
