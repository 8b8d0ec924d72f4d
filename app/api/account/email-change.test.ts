import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { POST as startReset } from "@/app/api/password/reset/start/route";
import { POST as confirm } from "@/app/api/email/change/route";
import { getDb } from "@/lib/db";
import { findPendingEmailChange } from "@/lib/account/email-change";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { EMAIL_CHANGE_REQUESTED_SUBJECT } from "@/lib/mail/email-change-messages";
import { LINK_EMAILS_PER_RECIPIENT_PER_HOUR } from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { NOTICES, noticeText } from "@/lib/notices/catalogue";
import { requestPasswordReset } from "@/lib/steps/forgot-password";
import { testContext } from "@/test/support/context";
import {
  postAsBrowser,
  signInBrowser,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { clearBrowser } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as change } from "./email/route";
import { createTestAccount } from "@/test/support/accounts";

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");

// "Change email" through the real routes, Postgres, Redis and the outbox: the new address gets a
// link and replaces the old one only when that link is used, once; the old address is told; an
// address that already has an account is never revealed; the old address's links die.

const IP = () => `198.51.100.${randomInt(1, 250)}`;

async function person({ verified = true } = {}) {
  const tag = randomInt(1e9);
  const email = `old.${tag}@example.com`;
  const phone = randomMobile("+3365");
  const made = await createTestAccount({
    email,
    phone,
    passwordHash: "h",
    emailVerified: verified,
  });
  return { ...made, tag };
}

const freshAddress = () => `new.${randomInt(1e9)}@example.com`;

/** This browser signed in as `who`, its second factor passed `minutesAgo` minutes ago. */
async function signedIn(who: { id: string; email: string }, minutesAgo = 0) {
  clearBrowser();
  await signInBrowser(who.id, who.email, minutesAgo);
}

const ask = (newEmail: string) =>
  postAsBrowser(change, "/api/account/email", { newEmail }, IP());
const open = (token: string) =>
  postAsBrowser(confirm, "/api/email/change", { token }, IP());

const emails = (to: string) =>
  listOutbox(to).filter((e) => e.channel === "email");

/** What an address or phone was sent besides the notice that a change was asked for. */
const besidesRequestNotice = (to: string) =>
  listOutbox(to).filter(
    (e) =>
      e.subject !== EMAIL_CHANGE_REQUESTED_SUBJECT &&
      e.text !== noticeText(NOTICES.emailChangeRequested("")),
  );

function tokenSentTo(email: string): string {
  const text = emails(email)[0]?.text ?? "";
  const token = text.match(/\/verify-email\/change#token=([\w-]{43})\n/)?.[1];
  if (!token) throw new Error(`no change link sent to ${email}`);
  return token;
}

async function account(id: string) {
  return (await getDb()).user.findUniqueOrThrow({ where: { id } });
}

const changedEvents = async (userId: string) =>
  (await getDb()).authEvent.count({
    where: { userId, type: "email_changed" },
  });

setUpAccountRouteSuite();

describe("many accounts naming one victim's address", () => {
  it("mail it at most the per-recipient limit, while every asker gets the usual reply", async () => {
    const victim = freshAddress();
    for (let i = 0; i < LINK_EMAILS_PER_RECIPIENT_PER_HOUR * 2; i++) {
      await signedIn(await person());
      expect(await ask(victim)).toEqual({
        status: 200,
        json: { ok: true, email: victim },
      });
    }
    expect(emails(victim)).toHaveLength(LINK_EMAILS_PER_RECIPIENT_PER_HOUR);
  });

  it("mail an address that has an account at most the limit too, its notices included", async () => {
    const owner = await person();
    for (let i = 0; i < LINK_EMAILS_PER_RECIPIENT_PER_HOUR + 3; i++) {
      await signedIn(await person());
      expect((await ask(owner.email)).status).toBe(200);
    }
    expect(emails(owner.email)).toHaveLength(
      LINK_EMAILS_PER_RECIPIENT_PER_HOUR,
    );
  });
});

describe("asking to change the email address", () => {
  it("sends a 24-hour link to the new address only (the old one is told, without it), stores its hash, and keeps the old address meanwhile", async () => {
    const ada = await person();
    await signedIn(ada);
    const to = freshAddress();
    const reply = await ask(to.toUpperCase());
    expect(reply).toEqual({ status: 200, json: { ok: true, email: to } });

    const [mail] = emails(to);
    expect(mail).toMatchObject({
      subject: "Confirm your new email address for Twostep",
    });
    expect(mail!.text).toContain(
      "http://localhost:3000/verify-email/change#token=",
    );
    expect(besidesRequestNotice(ada.email)).toEqual([]);
    const token = tokenSentTo(to);
    expect(JSON.stringify(listOutbox(ada.email))).not.toContain(token);
    // Notices' "This wasn't me" links (purpose lock_down) are apart: they change nothing.
    const rows = await (
      await getDb()
    ).emailLink.findMany({ where: { purpose: { not: "lock_down" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: ada.id,
      purpose: "change_email",
      email: to,
      usedAt: null,
    });
    expect(JSON.stringify(rows)).not.toContain(token);
    const hours = (rows[0]!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    expect((await account(ada.id)).email).toBe(ada.email);
    expect(await findPendingEmailChange(ada.id)).toMatchObject({ email: to });
  });

  it("needs a second factor from the last 10 minutes, and sends nothing without it", async () => {
    const ada = await person();
    await signedIn(ada, FRESH_SECOND_FACTOR_SECONDS / 60 + 1);
    const to = freshAddress();
    expect(await ask(to)).toMatchObject({
      status: 403,
      json: { error: { code: "REAUTH_REQUIRED" } },
    });
    expect(emails(to)).toEqual([]);
    expect(await (await getDb()).emailLink.count()).toBe(0);
  });

  it("refuses a visitor who is not signed in, a malformed address and the current one", async () => {
    const ada = await person();
    const sent = listOutbox().length;
    expect(await ask(freshAddress())).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
    await signedIn(ada);
    expect(await ask("not an address")).toMatchObject({
      status: 400,
      json: {
        error: {
          code: "INVALID_INPUT",
          fields: { newEmail: "Enter a valid email address." },
        },
      },
    });
    expect(await ask(ada.email)).toMatchObject({
      status: 400,
      json: {
        error: {
          code: "SAME_EMAIL",
          fields: { newEmail: "This is already your email address." },
        },
      },
    });
    expect(listOutbox()).toHaveLength(sent);
  });

  it("mails at most 3 links an hour per account, a new one replacing the last", async () => {
    const ada = await person();
    await signedIn(ada);
    const first = freshAddress();
    await ask(first);
    const firstToken = tokenSentTo(first);
    for (let i = 0; i < 2; i++)
      expect((await ask(freshAddress())).status).toBe(200);
    const fourth = freshAddress();
    expect(await ask(fourth)).toMatchObject({
      status: 429,
      json: { error: { code: "VERIFY_EMAIL_LIMIT" } },
    });
    expect(emails(fourth)).toEqual([]);
    expect(await open(firstToken)).toMatchObject({ status: 410 });
    expect((await account(ada.id)).email).toBe(ada.email);
  });
});

describe("the link to a new address", () => {
  it("swaps the address in, verified, audits it, and tells the old address without a link", async () => {
    const ada = await person({ verified: false });
    await signedIn(ada);
    const to = freshAddress();
    await ask(to);
    expect(await open(tokenSentTo(to))).toEqual({
      status: 200,
      json: { ok: true },
    });

    const now = await account(ada.id);
    expect(now.email).toBe(to);
    expect(now.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await changedEvents(ada.id)).toBe(1);
    expect(await findPendingEmailChange(ada.id)).toBeNull();
    const [notice] = emails(ada.email);
    expect(notice).toMatchObject({
      subject: "The email address of your Twostep account was changed",
    });
    expect(notice!.text).toContain("n•••@example.com");
    expect(notice!.text).not.toContain(to);
    // Its one link is "This wasn't me", to the app's own lock-down page: it grants nothing.
    const lockDown = /^http:\/\/localhost:3000\/lock-down#token=[\w-]{43}$/m;
    expect(notice!.text).toMatch(lockDown);
    expect(notice!.text.replace(lockDown, "")).not.toMatch(/https?:\/\/|token/);
  });

  it("works once, even when 20 uses arrive at the same time", async () => {
    const ada = await person();
    await signedIn(ada);
    const to = freshAddress();
    await ask(to);
    const token = tokenSentTo(to);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => open(token)),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = replies.filter((r) => r.status === 410);
    expect(refused).toHaveLength(19);
    expect(refused[0]!.json.error).toMatchObject({
      code: "EMAIL_LINK_INVALID",
      final: true,
    });
    expect(await changedEvents(ada.id)).toBe(1);
    expect(besidesRequestNotice(ada.email)).toHaveLength(1);
    expect((await open(token)).status).toBe(410);
  });

  it("is refused once expired, and changes nothing", async () => {
    const ada = await person();
    await signedIn(ada);
    const to = freshAddress();
    await ask(to);
    await (
      await getDb()
    ).emailLink.updateMany({
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await open(tokenSentTo(to))).toMatchObject({
      status: 410,
      json: { error: { code: "EMAIL_LINK_INVALID" } },
    });
    expect((await account(ada.id)).email).toBe(ada.email);
    expect(await findPendingEmailChange(ada.id)).toBeNull();
    expect(besidesRequestNotice(ada.email)).toEqual([]);
  });

  it("kills the reset links the old address was sent, and the old address gets no new ones", async () => {
    const ada = await person();
    const meta = { ip: IP(), userAgent: null };
    await requestPasswordReset(testContext({ request: meta }), ada.email);
    const reset = emails(ada.email)[0]!.text.match(
      /\/reset-password#token=([\w-]{43})/,
    )![1]!;
    await signedIn(ada);
    const to = freshAddress();
    await ask(to);
    expect((await open(tokenSentTo(to))).status).toBe(200);

    // Lock-down links stay live by design: they only lock the account down, and grant nothing.
    const links = await (
      await getDb()
    ).emailLink.findMany({ where: { purpose: { not: "lock_down" } } });
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.usedAt !== null)).toBe(true);
    const started = await postAsBrowser(
      startReset,
      "/api/password/reset/start",
      { token: reset },
      IP(),
    );
    expect(started).toMatchObject({
      status: 410,
      json: { error: { code: "EMAIL_LINK_INVALID" } },
    });
    expect(besidesRequestNotice(ada.phone)).toEqual([]);
    const before = emails(ada.email).length;
    await requestPasswordReset(testContext({ request: meta }), ada.email);
    expect(emails(ada.email)).toHaveLength(before);
  });
});

describe("an address that already has an account", () => {
  it("gets the same answer and the same pending change as a free one; its owner is told, with no link", async () => {
    const ada = await person();
    const grace = await person();
    await signedIn(ada);
    const free = await ask(freshAddress());
    const taken = await ask(grace.email.toUpperCase());
    expect(taken.status).toBe(free.status);
    expect(Object.keys(taken.json)).toEqual(Object.keys(free.json));
    expect(taken.json).toEqual({ ok: true, email: grace.email });
    expect(await findPendingEmailChange(ada.id)).toMatchObject({
      email: grace.email,
    });

    const [notice] = emails(grace.email);
    expect(notice).toMatchObject({
      subject: "Someone tried to use your email address on Twostep",
    });
    expect(notice!.text).not.toMatch(/https?:\/\/|token/);
    expect(notice!.text).not.toContain(ada.email);
    expect((await account(ada.id)).email).toBe(ada.email);
    expect((await account(grace.id)).email).toBe(grace.email);
  });

  it("is not held by a sign-up that never proved it: the change goes through and that sign-up is removed", async () => {
    const ada = await person();
    await signedIn(ada);
    const to = freshAddress();
    const squatter = await createTestAccount({
      email: to,
      phone: randomMobile("+3366"),
    });
    await ask(to);
    expect(await open(tokenSentTo(to))).toMatchObject({ status: 200 });
    expect((await account(ada.id)).email).toBe(to);
    const db = await getDb();
    expect(await db.user.count({ where: { id: squatter.id } })).toBe(0);
  });

  it("refuses a link whose address was taken after it was sent, as it refuses a used one", async () => {
    const ada = await person();
    await signedIn(ada);
    const to = freshAddress();
    await ask(to);
    const token = tokenSentTo(to);
    const owner = await createTestAccount({
      email: to,
      phone: randomMobile("+3366"),
      emailVerified: true,
    });
    expect(owner.email).toBe(to);

    expect(await open(token)).toMatchObject({
      status: 410,
      json: { error: { code: "EMAIL_LINK_INVALID" } },
    });
    expect((await account(ada.id)).email).toBe(ada.email);
    expect(await changedEvents(ada.id)).toBe(0);
    expect(besidesRequestNotice(ada.email)).toEqual([]);
  });
});
