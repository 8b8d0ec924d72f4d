import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { POST as verifyCode } from "@/app/api/otp/verify/route";
import { POST as confirm } from "@/app/api/email/change/route";
import { POST as cancelByLink } from "@/app/api/email/change/cancel/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { POST as finishReset } from "@/app/api/password/reset/route";
import { POST as startReset } from "@/app/api/password/reset/start/route";
import { findPendingEmailChange } from "@/lib/account/email-change";
import { getDb } from "@/lib/db";
import { EMAIL_CHANGE_REQUESTED_SUBJECT } from "@/lib/mail/email-change-messages";
import { listOutbox } from "@/lib/messaging/outbox";
import { NOTICES, noticeText } from "@/lib/notices/catalogue";
import { isSessionLive } from "@/lib/sessions";
import { sessionHandle } from "@/lib/steps/manage-sessions";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { codeFromSmsText } from "@/test/support/messenger";
import { withRequest } from "@/test/support/next-headers-cjs";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as cancelOnAccount } from "./email/cancel/route";
import { POST as change } from "./email/route";
import { POST as changePassword } from "./password/route";
import { POST as startPhoneChange } from "./phone/route";
import { POST as confirmPhoneChange } from "./phone/verify/route";
import { POST as signOutDevice } from "./sessions/sign-out/route";
import { POST as signOutOthers } from "./sessions/sign-out-others/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");

// An email change asked for by an intruder (a phished or stolen session with a fresh second
// factor) against the owner's remedies, through the real routes: the owner is told at once with a
// way to cancel, each remedy kills the pending link, the link dies with the session that asked,
// and once a change goes through every other session ends.

const PASSWORD = "a long enough password";
const IP = () => `198.51.100.${randomInt(1, 250)}`;

async function owner({ verified = true } = {}) {
  return createTestAccount({
    email: `owner.${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3365"),
    password: PASSWORD,
    emailVerified: verified,
  });
}

const attackerAddress = () => `intruder.${randomInt(1e9)}@example.net`;

/** Two browsers signed in to the account: the owner's and the intruder's, both fresh. */
async function ownerAndIntruder(who: { id: string; email: string }) {
  clearBrowser();
  const mine = await openBrowser(who.id, { email: who.email, ip: IP() });
  const theirs = await openBrowser(who.id, { email: who.email, ip: IP() });
  return { mine, theirs };
}

const post = (
  from: SignedInBrowser,
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object = {},
) => postFrom(from, handler, path, body, IP());

/** A public route, from a browser with no session. */
async function postPublic(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  clearBrowser();
  const request = jsonRequest(path, body, { ip: IP() });
  const response = await withRequest(new Request(request.url), () =>
    handler(request),
  );
  return {
    status: response.status,
    json: await response.json(),
    setCookie: response.headers.get("set-cookie"),
  };
}

function tokenIn(to: string, path: string): string {
  const mail = listOutbox(to).find((e) => e.text.includes(`${path}#token=`));
  const token = mail?.text.match(/#token=([\w-]{43})/)?.[1];
  if (!token) throw new Error(`no ${path} link sent to ${to}`);
  return token;
}

/** The intruder asks for their own address; answers the link that reached it. */
async function intruderAsks(theirs: SignedInBrowser, to = attackerAddress()) {
  const asked = await post(theirs, change, "/api/account/email", {
    newEmail: to,
  });
  expect(asked.status).toBe(200);
  return { to, token: tokenIn(to, "/verify-email/change") };
}

const open = (token: string) =>
  postPublic(confirm, "/api/email/change", { token });

async function emailOf(id: string) {
  return (await getDb()).user.findUniqueOrThrow({ where: { id } });
}

/** The link is refused and the account keeps its address. */
async function expectDead(who: { id: string; email: string }, token: string) {
  expect(await open(token)).toMatchObject({
    status: 410,
    json: { error: { code: "EMAIL_LINK_INVALID" } },
  });
  expect((await emailOf(who.id)).email).toBe(who.email);
}

setUpAccountRouteSuite();

describe("a pending email change against the owner's remedies", () => {
  it("dies when the owner changes the password", async () => {
    const ada = await owner();
    const { mine, theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const changed = await post(mine, changePassword, "/api/account/password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase 7q",
    });
    expect(changed.status).toBe(200);
    await expectDead(ada, token);
  });

  it("dies when the owner signs out everywhere else", async () => {
    const ada = await owner();
    const { mine, theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const ended = await post(
      mine,
      signOutOthers,
      "/api/account/sessions/sign-out-others",
    );
    expect(ended.status).toBe(200);
    await expectDead(ada, token);
  });

  it("dies when the owner changes the phone number", async () => {
    const ada = await owner();
    const { mine, theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const next = randomMobile("+3367");
    expect(
      (
        await post(mine, startPhoneChange, "/api/account/phone", {
          phone: next,
        })
      ).status,
    ).toBe(200);
    const code = codeFromSmsText(listOutbox(next)[0]!.text);
    const done = await post(
      mine,
      confirmPhoneChange,
      "/api/account/phone/verify",
      { code },
    );
    expect(done.status).toBe(200);
    await expectDead(ada, token);
  });

  it("dies when the owner resets the password by link and code", async () => {
    const ada = await owner();
    const { theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    clearBrowser();
    const reply = async (
      handler: (r: Request) => Promise<Response>,
      path: string,
      body: object,
    ) => (await handler(jsonRequest(path, body, { ip: IP() }))).status;
    expect(
      await reply(forgot, "/api/password/forgot", { email: ada.email }),
    ).toBe(200);
    const reset = tokenIn(ada.email, "/reset-password");
    expect(
      await reply(startReset, "/api/password/reset/start", { token: reset }),
    ).toBe(200);
    const code = codeFromSmsText(
      listOutbox(ada.phone).find((m) => /\b\d{6}\b/.test(m.text))!.text,
    );
    expect(await reply(verifyCode, "/api/otp/verify", { code })).toBe(200);
    expect(
      await reply(finishReset, "/api/password/reset", {
        password: "a brand new passphrase 7q",
      }),
    ).toBe(200);
    await expectDead(ada, token);
  });

  it("dies with the session that asked for it, signed out from the owner's device list", async () => {
    const ada = await owner();
    const { mine, theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const out = await post(
      mine,
      signOutDevice,
      "/api/account/sessions/sign-out",
      {
        id: sessionHandle(theirs.sid),
      },
    );
    expect(out).toMatchObject({ status: 200, json: { current: false } });
    await expectDead(ada, token);
  });
});

describe("the owner is told when a change is asked for", () => {
  it("emails the current verified address a cancel link (not the change link) and texts the phone", async () => {
    const ada = await owner();
    const { theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const [mail] = listOutbox(ada.email);
    expect(mail).toMatchObject({
      channel: "email",
      subject: EMAIL_CHANGE_REQUESTED_SUBJECT,
    });
    expect(mail!.text).toContain("i•••@example.net");
    expect(mail!.text).toMatch(
      /http:\/\/localhost:3000\/verify-email\/cancel#token=[\w-]{43}\n/,
    );
    expect(mail!.text).not.toContain(token);
    expect(listOutbox(ada.phone).map((m) => m.text)).toEqual([
      noticeText(NOTICES.emailChangeRequested("")),
    ]);
    const rows = await (
      await getDb()
    ).authEvent.count({
      where: { userId: ada.id, type: "email_change_requested" },
    });
    expect(rows).toBe(1);
  });

  it("texts the phone only while the current address is unverified", async () => {
    const ada = await owner({ verified: false });
    const { theirs } = await ownerAndIntruder(ada);
    await intruderAsks(theirs);
    expect(listOutbox(ada.email)).toEqual([]);
    expect(listOutbox(ada.phone)).toHaveLength(1);
  });
});

describe("cancelling a pending change", () => {
  it("by the emailed link: the change link dies, no session or cookie is granted, and it works once", async () => {
    const ada = await owner();
    const { theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const cancel = tokenIn(ada.email, "/verify-email/cancel");
    const done = await postPublic(cancelByLink, "/api/email/change/cancel", {
      token: cancel,
    });
    expect(done).toEqual({ status: 200, json: { ok: true }, setCookie: null });
    expect(await findPendingEmailChange(ada.id)).toBeNull();
    await expectDead(ada, token);
    expect(
      await postPublic(cancelByLink, "/api/email/change/cancel", {
        token: cancel,
      }),
    ).toMatchObject({
      status: 410,
      json: { error: { code: "EMAIL_LINK_INVALID" } },
    });
    const cancelled = await (
      await getDb()
    ).authEvent.count({
      where: { userId: ada.id, type: "email_change_cancelled" },
    });
    expect(cancelled).toBe(1);
  });

  it("by the change link's own token is refused: each link does only its own thing", async () => {
    const ada = await owner();
    const { theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    expect(
      await postPublic(cancelByLink, "/api/email/change/cancel", { token }),
    ).toMatchObject({ status: 410 });
    const cancel = tokenIn(ada.email, "/verify-email/cancel");
    expect(await open(cancel)).toMatchObject({ status: 410 });
    expect(await findPendingEmailChange(ada.id)).not.toBeNull();
  });

  it('by "Cancel email change" on the account page, with no fresh second factor needed', async () => {
    const ada = await owner();
    const { theirs } = await ownerAndIntruder(ada);
    const { token } = await intruderAsks(theirs);
    const stale = await openBrowser(ada.id, {
      email: ada.email,
      ageSeconds: 3600,
    });
    const done = await post(
      stale,
      cancelOnAccount,
      "/api/account/email/cancel",
    );
    expect(done).toEqual({ status: 200, json: { ok: true } });
    expect(await findPendingEmailChange(ada.id)).toBeNull();
    await expectDead(ada, token);
  });
});

describe("a change that goes through", () => {
  it("ends every other session and keeps the one that asked", async () => {
    const ada = await owner();
    const { mine, theirs } = await ownerAndIntruder(ada);
    const { to, token } = await intruderAsks(
      mine,
      `ada.new.${randomInt(1e9)}@example.com`,
    );
    expect(await open(token)).toMatchObject({ status: 200 });
    expect((await emailOf(ada.id)).email).toBe(to);
    expect(await isSessionLive(ada.id, mine.sid)).toBe(true);
    expect(await isSessionLive(ada.id, theirs.sid)).toBe(false);
    const refused = await post(
      theirs,
      cancelOnAccount,
      "/api/account/email/cancel",
    );
    expect(refused).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
  });
});
