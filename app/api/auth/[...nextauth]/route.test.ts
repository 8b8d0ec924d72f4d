import { decode } from "next-auth/jwt";
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { getSessionStore, revokeUserSessions } from "@/lib/sessions";
import {
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
} from "@/lib/sessions/policy";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import {
  createNextAuthClient,
  verifiedChallenge,
} from "@/test/support/next-auth";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";

// The session through next-auth's real route, as a browser holds it: signed in by the code step,
// read by /api/auth/session, ended by "Sign out". The attacks replay a cookie copied earlier.

installNextHeadersForCjs();
const route = await import("./route");
const nextAuth = createNextAuthClient(route);

const PHONE = "+14155550177";
const MINUTE = 60_000;

let userId: string;
beforeEach(async () => {
  await resetTables();
  const account = await createTestAccount({
    email: "ada@example.com",
    phone: PHONE,
  });
  userId = account.id;
});
afterEach(() => vi.useRealTimers());
afterAll(async () => closeDb(await getDb()));

/** The server-side session a cookie names (the JWT is encrypted with the app's secret). */
async function sessionIdOf(cookie: string) {
  const token = await decode({
    token: cookie.slice(cookie.indexOf("=") + 1),
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return token!.sid!;
}

async function signedIn() {
  const { cookie } = await nextAuth.signIn(
    await verifiedChallenge(userId, PHONE),
  );
  expect(cookie).toBeTruthy();
  expect((await nextAuth.session(cookie!)).user?.id).toBe(userId);
  return cookie!;
}

describe("a session cookie", () => {
  it("names a server-side session recorded at sign-in, with where it came from", async () => {
    await signedIn();
    const sessions = await getSessionStore().listSessions(userId, Date.now());
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ userId, userAgent: "vitest-browser" });
    expect(sessions[0]!.id).toMatch(/^[\w-]{43}$/); // 256 random bits
  });

  it("is replaced, and refused from then on, when the same browser signs in again", async () => {
    const old = await signedIn();
    const { cookie: fresh } = await nextAuth.signIn(
      await verifiedChallenge(userId, PHONE),
      old,
    );
    expect((await nextAuth.session(fresh!)).user?.id).toBe(userId);
    expect((await nextAuth.session(old)).user).toBeUndefined();
    const sessions = await getSessionStore().listSessions(userId, Date.now());
    expect(sessions.map((s) => s.id)).toEqual([await sessionIdOf(fresh!)]);
  });

  it("copied before sign-out is refused afterwards", async () => {
    const cookie = await signedIn();
    const copy = cookie;
    const out = await nextAuth.signOut(cookie);
    expect(out.status).toBe(200);
    expect(await nextAuth.session(copy)).toEqual({});
    expect(await getSessionStore().listSessions(userId, Date.now())).toEqual(
      [],
    );
  });

  it("is refused once the person's sessions are revoked, except the one kept", async () => {
    const [kept, other] = [await signedIn(), await signedIn()];
    expect(await revokeUserSessions(userId, await sessionIdOf(kept))).toBe(1);
    expect((await nextAuth.session(kept)).user?.id).toBe(userId);
    expect(await nextAuth.session(other)).toEqual({});
  });

  it("is refused after an hour without a request", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await signedIn();
    vi.setSystemTime(Date.now() + (SESSION_IDLE_SECONDS - 60) * 1000);
    expect((await nextAuth.session(cookie)).user?.id).toBe(userId);
    vi.setSystemTime(Date.now() + SESSION_IDLE_SECONDS * 1000);
    expect(await nextAuth.session(cookie)).toEqual({});
  });

  it("is refused 12 hours after sign-in however active the person is", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const cookie = await signedIn();
    const end = start + SESSION_ABSOLUTE_SECONDS * 1000;
    while (Date.now() + 30 * MINUTE < end) {
      vi.setSystemTime(Date.now() + 30 * MINUTE);
      expect((await nextAuth.session(cookie)).user?.id).toBe(userId);
    }
    vi.setSystemTime(end);
    expect(await nextAuth.session(cookie)).toEqual({});
  });
});
