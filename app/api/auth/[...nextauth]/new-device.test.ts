import { randomUUID } from "node:crypto";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { newChallengeId } from "@/lib/challenge/id";
import { closeDb, getDb } from "@/lib/db";
import { MailError } from "@/lib/mail";
import { listOutbox } from "@/lib/messaging/outbox";
import { noteSignInBrowser } from "@/lib/notices/new-sign-in";
import { completeWithDevice } from "@/lib/steps/remembered-device";
import { getChallengeStore } from "@/lib/store";
import { testContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { createRecordingMessenger } from "@/test/support/messenger";
import {
  createNextAuthClient,
  verifiedChallenge,
} from "@/test/support/next-auth";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import {
  clearBrowser,
  cookieJar,
  cookieOptions,
} from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { createTestAccount } from "@/test/support/accounts";
import { withoutLockDownLink } from "@/test/support/lock-down-link";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "New sign-in" by email: each browser keeps a random token in a long-lived cookie, and the
// account a keyed hash of it. A sign-in whose second factor passed from a browser the account has
// not seen is emailed once; the sign-in right after sign-up, and a remembered device, are not.
// Through next-auth's real route, as the code page signs in.

installNextHeadersForCjs();
const route = await import("./route");
const nextAuth = createNextAuthClient(route);

const BROWSER = "twostep_browser";
const SUBJECT = "New sign-in to your Twostep account";

beforeAll(() => resetTables());
beforeEach(() => clearBrowser());
afterAll(async () => closeDb(await getDb()));

async function person(verified = true) {
  const email = `seen-${randomUUID()}@example.com`;
  const phone = randomMobile("+3364");
  return createTestAccount({
    email,
    phone,
    passwordHash: "h",
    emailVerified: verified,
  });
}

/** The sign-up's own challenge, its code entered and its account made. */
async function signUpChallenge(userId: string, phone: string) {
  const store = getChallengeStore();
  const id = newChallengeId("signup", `user:${userId}`);
  const now = Date.now();
  await store.startChallenge(
    {
      id,
      purpose: "signup",
      userId,
      phone,
      createdAt: now,
      pendingEmail: "x@example.com",
      pendingPasswordHash: "h",
    },
    900,
    {
      codeHash: "h",
      codeExpiresAt: now + 60_000,
      maxSends: 5,
      now,
      channel: "sms",
      cooldownMs: 0,
      delivery: "sent",
    },
  );
  const verified = await store.verifyCode(id, "h", now, {
    maxAttempts: 5,
    lockAfter: 10,
    ladderSeconds: [60],
    disableAfter: 100,
    memorySeconds: 60,
  });
  if (!verified.ok) throw new Error(verified.reason);
  return id;
}

/** Signs in through next-auth from a browser holding `token` (none: a browser never seen). */
async function signInFrom(challengeId: string, token?: string) {
  clearBrowser();
  const { cookie } = await nextAuth.signIn(
    challengeId,
    token ? `${BROWSER}=${token}` : undefined,
  );
  expect(cookie).toBeTruthy();
  return cookieJar.get(BROWSER)!;
}

const notices = (p: { email: string }) =>
  listOutbox(p.email).filter((e) => e.subject === SUBJECT);

async function newDeviceAudit(userId: string) {
  const db = await getDb();
  const rows = await db.authEvent.findMany({
    where: { userId, type: "login_success" },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => (r.detail as { newDevice?: boolean }).newDevice);
}

describe("the new sign-in notice", () => {
  it("is not sent for the sign-in right after sign-up, nor again from that browser", async () => {
    const p = await person();
    const first = await signInFrom(await signUpChallenge(p.id, p.phone));
    expect(first).toMatch(/^[\w-]{43}$/);
    // Out of scripts' reach, and kept as long as browsers keep any cookie (400 days).
    expect(cookieOptions.get(BROWSER)).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 400 * 86_400,
    });
    const again = await signInFrom(
      await verifiedChallenge(p.id, p.phone),
      first,
    );
    expect(again).toBe(first);
    expect(notices(p)).toEqual([]);
    expect(await newDeviceAudit(p.id)).toEqual([false, false]);
  });

  it("is emailed once for a browser the account has not seen, with device, address and time, and not for its next sign-in", async () => {
    const p = await person();
    const home = await signInFrom(await signUpChallenge(p.id, p.phone));
    const before = Date.now();
    const elsewhere = await signInFrom(await verifiedChallenge(p.id, p.phone));
    expect(elsewhere).not.toBe(home);
    const [notice, ...more] = notices(p);
    expect(more).toEqual([]);
    expect(notice!.text).toContain("Device: Unknown browser");
    expect(notice!.text).toContain("Address: unknown");
    const stamp = new Date(before).toUTCString().slice(0, 16);
    expect(notice!.text).toContain(`Time: ${stamp}`);
    expect(withoutLockDownLink(notice!.text)).not.toMatch(/https?:|\b\d{6}\b/);

    await signInFrom(await verifiedChallenge(p.id, p.phone), elsewhere);
    await signInFrom(await verifiedChallenge(p.id, p.phone), home);
    expect(notices(p)).toHaveLength(1);
    expect(await newDeviceAudit(p.id)).toEqual([false, true, false, false]);
    // A token another account's browser holds is new to this one: each account keeps its own.
    const q = await person();
    await signInFrom(await verifiedChallenge(q.id, q.phone), home);
    expect(notices(q)).toHaveLength(1);
  });

  it("is not emailed to an address that was never verified, though the audit row says it was new", async () => {
    const p = await person(false);
    await signInFrom(await verifiedChallenge(p.id, p.phone));
    expect(listOutbox(p.email)).toEqual([]);
    expect(await newDeviceAudit(p.id)).toEqual([true]);
  });

  it("is not sent for a remembered device, which the account already knows", async () => {
    const p = await person();
    const store = getChallengeStore();
    const deps = {
      store,
      messenger: createRecordingMessenger(),
      appUrl: "http://localhost:3000",
      now: Date.now,
    };
    const done = await completeWithDevice(deps, {
      account: `user:${p.id}`,
      userId: p.id,
      phone: p.phone,
    });
    if (!done.ok) throw new Error(done.error);
    await signInFrom(done.challengeId);
    expect(notices(p)).toEqual([]);
  });

  it("leaves the sign-in and the browser noted when the mailer fails", async () => {
    const p = await person();
    const failing = {
      kind: "smtp" as const,
      sendEmail: async () => {
        throw new MailError("SMTP send failed: ECONNREFUSED");
      },
    };
    const noted = await noteSignInBrowser(
      testContext({ messenger: createRecordingMessenger(), mailer: failing }),
      {
        userId: p.id,
        purpose: "login",
        verifiedBy: "phone",
        browserToken: null,
        request: { ip: "203.0.113.7", userAgent: null },
      },
    );
    expect(noted).toEqual({
      browserToken: expect.stringMatching(/^[\w-]{43}$/),
      newDevice: true,
    });
    const db = await getDb();
    expect(await db.knownBrowser.count({ where: { userId: p.id } })).toBe(1);
    // That browser is known from now on: the notice is not tried again at its next sign-in.
    await signInFrom(
      await verifiedChallenge(p.id, p.phone),
      noted.browserToken,
    );
    expect(notices(p)).toEqual([]);
  });
});
