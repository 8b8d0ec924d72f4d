import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getChallengeStore } from "@/lib/store";
import {
  postAsBrowser,
  SESSION_COOKIE,
  setUpAccountRouteSuite,
  signInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { codeFromSmsText } from "@/test/support/messenger";
import { withRequest } from "@/test/support/next-headers-cjs";
import { cookieJar } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { listOutbox } from "@/lib/messaging/outbox";
import { POST as start } from "./phone/route";
import { GET as status } from "./phone/status/route";
import { POST as confirm } from "./phone/verify/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Change phone number" polls GET /api/account/phone/status while the code's text is on its way,
// as the sign-in's code step polls /api/otp/status: through the real routes, Postgres and the
// embedded stores, with the provider's report written as its callback writes it.

const PHONE_CHANGE_COOKIE = "twostep_phone_change";

async function signedInPerson() {
  const account = await createTestAccount({
    email: `s${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3367"),
    password: "a long enough password",
    emailVerified: false,
  });
  await signInBrowser(account.id, account.email);
  return account;
}

/** This browser asks where its phone change stands. */
async function readStatus() {
  const session = cookieJar.get(SESSION_COOKIE);
  const request = new Request(
    "http://localhost:3000/api/account/phone/status",
    {
      headers: session ? { cookie: `${SESSION_COOKIE}=${session}` } : {},
    },
  );
  const response = await withRequest(request, () => status(request));
  return { status: response.status, json: await response.json() };
}

const post = (handler: (r: Request) => Promise<Response>, body: object) =>
  postAsBrowser(handler, "/api/account/phone", body, "203.0.113.7");

/** The provider reports on the latest text of this browser's phone change. */
async function report(delivery: "delivered" | "undelivered") {
  const store = getChallengeStore();
  const id = cookieJar.get(PHONE_CHANGE_COOKIE)!;
  const { sends } = (await store.getChallenge(id))!;
  expect(await store.recordDelivery(id, sends, delivery)).not.toBeNull();
}

setUpAccountRouteSuite();

describe("a phone change's delivery status", () => {
  it("shows the text to the new number on its way, then as the provider reports it", async () => {
    await signedInPerson();
    const next = randomMobile("+3367");
    expect((await post(start, { phone: next })).status).toBe(200);

    const sent = await readStatus();
    expect(sent.status).toBe(200);
    expect(sent.json.challenge).toMatchObject({
      purpose: "phone-change",
      lastChannel: "sms",
      delivery: expect.stringMatching(/^(queued|sent)$/),
    });
    expect(sent.json.challenge.maskedPhone).toMatch(/\d{2}$/);
    expect(JSON.stringify(sent.json)).not.toContain(next.slice(4, -2));

    await report("undelivered");
    expect((await readStatus()).json.challenge.delivery).toBe("undelivered");
  });

  it("answers nothing once the new number is proven", async () => {
    await signedInPerson();
    const next = randomMobile("+3367");
    await post(start, { phone: next });
    const code = codeFromSmsText(listOutbox(next)[0]!.text);
    expect((await post(confirm, { code })).status).toBe(200);
    expect((await readStatus()).json.error.code).toBe("NO_CHALLENGE");
  });

  it("reads only this person's own challenge, and nothing for a visitor who is not signed in", async () => {
    await signedInPerson();
    await post(start, { phone: randomMobile("+3367") });
    expect((await readStatus()).status).toBe(200);

    await signedInPerson(); // the same browser, someone else's session
    expect((await readStatus()).json.error.code).toBe("NO_CHALLENGE");

    cookieJar.delete(SESSION_COOKIE);
    const visitor = await readStatus();
    expect(visitor.json.error.code).toBe("NOT_SIGNED_IN");
  });

  it("does not read a sign-in's challenge", async () => {
    await signedInPerson();
    await post(start, { phone: randomMobile("+3367") });
    const id = cookieJar.get(PHONE_CHANGE_COOKIE)!;
    cookieJar.delete(PHONE_CHANGE_COOKIE);
    cookieJar.set("twostep_challenge", id);
    expect((await readStatus()).json.error.code).toBe("NO_CHALLENGE");
  });
});
