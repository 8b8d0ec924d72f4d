import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as refuse } from "@/app/api/email/refuse/route";
import { POST as confirm } from "@/app/api/email/verify/route";
import { POST as login } from "@/app/api/login/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { closeDb, getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import { getSessionStore } from "@/lib/sessions";
import { requestPasswordReset } from "@/lib/steps/forgot-password";
import { resendVerificationEmail } from "@/lib/steps/verify-email";
import {
  openBrowser,
  postAsBrowser,
  postFrom,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { accountContext, testContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as signup } from "./route";

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
installNextHeadersForCjs(); // next-auth reads the session cookie through require("next/headers")

// Pre-account hijacking: a stranger signs up first with someone else's address and their own
// phone. Each attack runs through the real routes, Postgres, the code store and the outbox.

const PASSWORD = "long enough for this";
let clients = 0;
/** Each person from an address of their own, so no address limit is what stops anyone. */
const nextIp = () => `203.0.113.${(clients++ % 250) + 1}`;

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
  ip: string,
) {
  const response = await handler(jsonRequest(path, body, { ip }));
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    cookies: response.headers.getSetCookie(),
  };
}

interface SignedUp {
  id: string;
  email: string;
  phone: string;
  password: string;
  /** The browser the sign-up ended signed in to its account. */
  browser: SignedInBrowser;
  replies: { signup: unknown; verify: unknown };
}

/** A whole sign-up through the routes, as the browser makes it: details, then the texted code. */
async function signUp(email: string, password = PASSWORD): Promise<SignedUp> {
  clearBrowser();
  const ip = nextIp();
  const phone = randomMobile("+3362");
  const started = await post(
    signup,
    "/api/signup",
    { email, password, phone },
    ip,
  );
  const code = codeFromSmsText(listOutbox(phone)[0]!.text);
  const verified = await post(verify, "/api/otp/verify", { code }, ip);
  const replies = {
    signup: [started.status, started.json],
    verify: [verified.status, verified.json],
  };
  const row = await (
    await getDb()
  ).phone.findFirst({ where: { number: phone }, select: { userId: true } });
  if (!row) return { id: "", email, phone, password, browser: null!, replies };
  // Signed in, as next-auth leaves the browser after the sign-up's code.
  const browser = await openBrowser(row.userId, { email });
  return { id: row.userId, email, phone, password, browser, replies };
}

/** The token of the newest link to `path` mailed to `email`. */
function mailedToken(email: string, path: string): string | undefined {
  for (const mail of listOutbox(email)) {
    const token = mail.text.match(
      new RegExp(`${path.replace(/\//g, "\\/")}#token=([\\w-]{43})\\n`),
    )?.[1];
    if (token) return token;
  }
  return undefined;
}

const confirmIn = (who: SignedUp, token: string) =>
  postFrom(who.browser, confirm, "/api/email/verify", { token }, nextIp());

const exists = async (id: string) =>
  (await (await getDb()).user.count({ where: { id } })) === 1;

const liveSessions = async (id: string) =>
  (await getSessionStore().listSessions(id, Date.now())).length;

/** The password step for `email`, from a fresh browser: the reply's code. */
async function passwordStep(email: string, password: string) {
  clearBrowser();
  const reply = await post(login, "/api/login", { email, password }, nextIp());
  return reply.status === 200 ? "code step" : reply.json;
}

const victim = () => `victim.${randomUUID().slice(0, 12)}@corp.example`;

beforeEach(async () => {
  clearBrowser();
  await resetTables();
});
afterAll(async () => closeDb(await getDb()));

describe("an address signed up for by someone who cannot read it", () => {
  it("goes to its owner once they sign up and confirm: the stranger's password, phone and sessions stop opening anything", async () => {
    const address = victim();
    const stranger = await signUp(address, "the stranger's own pw");
    expect(stranger.replies.verify).toEqual([
      200,
      { ok: true, next: "/account", signIn: true },
    ]);

    // The owner signs up after the stranger, and is in like anyone else.
    const owner = await signUp(address);
    expect(owner.replies).toEqual(stranger.replies);
    expect(owner.id).not.toBe(stranger.id);

    // The owner's own link, in the owner's signed-in browser.
    const token = mailedToken(address, "/verify-email")!;
    expect(await confirmIn(owner, token)).toMatchObject({
      status: 200,
      json: { ok: true },
    });

    expect(await exists(stranger.id)).toBe(false);
    expect(await liveSessions(stranger.id)).toBe(0);
    expect(await liveSessions(owner.id)).toBe(1);
    expect(await passwordStep(address, stranger.password)).toMatchObject({
      error: { code: "BAD_CREDENTIALS" },
    });
    expect(await passwordStep(address, PASSWORD)).toBe("code step");
    const db = await getDb();
    expect(await db.phone.count({ where: { number: stranger.phone } })).toBe(0);
    const owned = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(owned.verifiedEmail).toBe(address);
    // The stranger's number is free again: it proves nothing of this address any more.
    const removed = await db.authEvent.findMany({
      where: { type: "account_removed" },
    });
    expect(removed.map((e) => e.detail)).toEqual([
      { removedAccount: stranger.id },
    ]);
  });

  it("cannot be confirmed for the stranger by the owner opening the stranger's link: it works only in the stranger's signed-in browser", async () => {
    const address = victim();
    const stranger = await signUp(address);
    const token = mailedToken(address, "/verify-email")!;

    // The owner opens "Confirm" from their mailbox, signed in to nothing.
    clearBrowser();
    const unsigned = await postAsBrowser(
      confirm,
      "/api/email/verify",
      { token },
      nextIp(),
    );
    expect(unsigned).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
    // Or signed in to an account of their own.
    const owner = await signUp(`owner.${address}`);
    expect((await confirmIn(owner, token)).status).toBe(410);
    const db = await getDb();
    const row = await db.user.findUniqueOrThrow({
      where: { id: stranger.id },
    });
    expect(row.emailVerifiedAt).toBeNull();
    // Nothing reaches the owner's mailbox that a reset could use.
    await requestPasswordReset(
      testContext({ request: { ip: nextIp(), userAgent: null } }),
      address,
    );
    expect(mailedToken(address, "/reset-password")).toBeUndefined();
  });

  it("is given back by “I didn't sign up” in the verification email: the stranger's account and sessions end, and the link grants nothing", async () => {
    const address = victim();
    const stranger = await signUp(address);
    const [mail] = listOutbox(address);
    expect(mail!.text).toContain("If it was not you, do not confirm.");
    const token = mailedToken(address, "/verify-email/refuse")!;
    expect(mail!.text).toContain(
      `http://localhost:3000/verify-email/refuse#token=${token}`,
    );

    clearBrowser();
    const refused = await post(
      refuse,
      "/api/email/refuse",
      { token },
      nextIp(),
    );
    expect(refused).toEqual({ status: 200, json: { ok: true }, cookies: [] });
    expect(await exists(stranger.id)).toBe(false);
    expect(await liveSessions(stranger.id)).toBe(0);
    expect(await passwordStep(address, stranger.password)).toMatchObject({
      error: { code: "BAD_CREDENTIALS" },
    });
    // Once.
    expect(
      (await post(refuse, "/api/email/refuse", { token }, nextIp())).status,
    ).toBe(410);
  });

  it("cannot be refused once its owner confirmed it: the refusal link of their own sign-up then does nothing", async () => {
    const address = victim();
    const owner = await signUp(address);
    const refusal = mailedToken(address, "/verify-email/refuse")!;
    const token = mailedToken(address, "/verify-email")!;
    expect((await confirmIn(owner, token)).status).toBe(200);
    const late = await post(
      refuse,
      "/api/email/refuse",
      { token: refusal },
      nextIp(),
    );
    expect(late.status).toBe(410);
    expect(await exists(owner.id)).toBe(true);
    expect(await liveSessions(owner.id)).toBe(1);
  });

  it("is not blocked by wrong codes on sign-ups for it: each sign-up's failures end with that sign-up", async () => {
    const address = victim();
    // Three strangers' sign-ups, each to its attempt cap: 15 wrong codes in a row for the address.
    for (let i = 0; i < 3; i++) {
      clearBrowser();
      const ip = nextIp();
      const phone = randomMobile("+3365");
      const body = { email: address, password: PASSWORD, phone };
      expect((await post(signup, "/api/signup", body, ip)).status).toBe(200);
      const right = codeFromSmsText(listOutbox(phone)[0]!.text);
      const wrong = right === "000000" ? "111111" : "000000";
      for (let n = 0; n < 5; n++)
        await post(verify, "/api/otp/verify", { code: wrong }, ip);
    }
    const owner = await signUp(address);
    expect(owner.replies.verify).toEqual([
      200,
      { ok: true, next: "/account", signIn: true },
    ]);
    expect(await exists(owner.id)).toBe(true);
  });
});

describe("a sign-up, seen from outside", () => {
  it("ends alike whether the address is new, waited for by another sign-up, or proven by an account", async () => {
    const fresh = await signUp(victim());

    const waited = victim();
    await signUp(waited);
    const second = await signUp(waited);

    const proven = victim();
    const owner = await signUp(proven);
    const ownerToken = mailedToken(proven, "/verify-email")!;
    expect((await confirmIn(owner, ownerToken)).status).toBe(200);
    const before = listOutbox(proven).length;
    const late = await signUp(proven);

    expect(second.replies).toEqual(fresh.replies);
    expect(late.replies).toEqual(fresh.replies);
    expect(late.replies.verify).toEqual([
      200,
      { ok: true, next: "/account", signIn: true },
    ]);

    // Only the owner's mailbox hears of it: what happened and what to do if it was them.
    const told = listOutbox(proven).slice(
      0,
      listOutbox(proven).length - before,
    );
    expect(told.map((m) => m.subject)).toEqual([
      "Someone tried to sign up with your email address",
    ]);
    expect(told[0]!.text).toContain(
      "If it was you, sign in at localhost:3000; if you forgot your password, choose “Forgot password?” there.",
    );
    expect(told[0]!.text).not.toMatch(/https?:\/\//);
    // The late sign-up can never prove the address: asking again only tells the owner again.
    const as = accountContext(late);
    expect(await resendVerificationEmail(as, late.id)).toEqual({ ok: true });
    expect(listOutbox(proven)[0]!.subject).toBe(
      "Someone tried to sign up with your email address",
    );
    const db = await getDb();
    expect(
      await db.emailLink.count({
        where: { userId: late.id, purpose: "verify_email" },
      }),
    ).toBe(0);
    // The owner is untouched.
    expect(await liveSessions(owner.id)).toBe(1);
    expect(await passwordStep(proven, PASSWORD)).toBe("code step");
  });
});

describe("several sign-ups waiting for one address", () => {
  it("each sign in with their own password, and none of them gets a reset link", async () => {
    const address = victim();
    const first = await signUp(address, "first person's password");
    const second = await signUp(address, "second person's password");
    expect(await passwordStep(address, first.password)).toBe("code step");
    expect(await passwordStep(address, second.password)).toBe("code step");
    expect(await passwordStep(address, "neither of theirs 1")).toMatchObject({
      error: { code: "BAD_CREDENTIALS" },
    });
    await requestPasswordReset(
      testContext({ request: { ip: nextIp(), userAgent: null } }),
      address,
    );
    expect(mailedToken(address, "/reset-password")).toBeUndefined();
  });

  it("stay bounded: past five, the oldest is removed, never the newest refused", async () => {
    const address = victim();
    const people: SignedUp[] = [];
    for (let i = 0; i < 6; i++)
      people.push(await signUp(address, `pw ${i} long enough`));
    expect(people.every((p) => p.id)).toBe(true);
    expect(await exists(people[0]!.id)).toBe(false);
    expect(await liveSessions(people[0]!.id)).toBe(0);
    for (const p of people.slice(1)) expect(await exists(p.id)).toBe(true);
  });
});
