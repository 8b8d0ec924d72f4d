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
import { resetTables } from "@/test/support/db";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { startTestUpstash } from "@/test/support/redis";
import { recordExact } from "@/test/security/figures";

// The session through next-auth's real route, as a browser holds it: signed in by the code step,
// read by /api/auth/session, ended by "Sign out". The attacks replay a cookie copied earlier. On
// the Upstash store over the real Redis, as in production; the security report
// (`npm run test:security`) prints what the attacks recorded.

const SECTION = "sessions";
const redis = await startTestUpstash();
vi.stubEnv("UPSTASH_REDIS_REST_URL", redis.url);
vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", redis.token);
installNextHeadersForCjs();
const { closeDb, getDb } = await import("@/lib/db");
const { getSessionStore, revokeUserSessions } = await import("@/lib/sessions");
const { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } =
  await import("@/lib/sessions/policy");
const { createTestAccount } = await import("@/test/support/accounts");
const { createNextAuthClient, verifiedChallenge } =
  await import("@/test/support/next-auth");
const nextAuth = createNextAuthClient(await import("./route"));

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
afterAll(async () => {
  await closeDb(await getDb());
  await redis.close();
  vi.unstubAllEnvs();
});

/** What the session route says of a cookie, as the report shows it. */
const answer = async (cookie: string) =>
  (await nextAuth.session(cookie)).user?.id ? "accepted" : "refused";

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
    const before = await answer(copy);
    const out = await nextAuth.signOut(cookie);
    recordExact(
      SECTION,
      "session cookie replayed after sign-out",
      `before: ${before}, after: ${await answer(copy)}`,
      "before: accepted, after: refused",
    );
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

  it("is refused 12 hours after sign-in however active the person is", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const cookie = await signedIn();
    const end = start + SESSION_ABSOLUTE_SECONDS * 1000;
    const seen = new Set<string>();
    while (Date.now() + 30 * MINUTE < end) {
      vi.setSystemTime(Date.now() + 30 * MINUTE);
      const reply = await nextAuth.session(cookie);
      seen.add(reply.user?.id ? "accepted" : "refused");
      expect(reply.user?.id).toBe(userId);
    }
    vi.setSystemTime(end);
    recordExact(
      SECTION,
      "session past 12 h absolute (used every 30 min)",
      `every 30 min: ${[...seen].join("/")}; at 12 h: ${await answer(cookie)}`,
      "every 30 min: accepted; at 12 h: refused",
    );
    expect(await nextAuth.session(cookie)).toEqual({});
  });

  it("is refused after an hour without a request", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await signedIn();
    vi.setSystemTime(Date.now() + (SESSION_IDLE_SECONDS - 60) * 1000);
    expect((await nextAuth.session(cookie)).user?.id).toBe(userId);
    vi.setSystemTime(Date.now() + SESSION_IDLE_SECONDS * 1000);
    const idle = await answer(cookie);
    // A session started at that moment is accepted: the clock, not the store, refused the first.
    const fresh = await signedIn();
    recordExact(
      SECTION,
      "session past 1 h idle",
      `${idle} (a session started then: ${await answer(fresh)})`,
      "refused (a session started then: accepted)",
    );
    expect(await nextAuth.session(cookie)).toEqual({});
  });

  it("is checked in one store round trip", async () => {
    const cookie = await signedIn();
    await answer(cookie); // the check script is sent whole once, then by its hash
    const before = redis.requests();
    await answer(cookie);
    const trips = redis.requests() - before;
    recordExact(SECTION, "store round trips per session check", trips, 1);
    expect(trips).toBe(1);
  });
});

describe("sign-out while the session store fails", () => {
  it("clears this browser's cookie, answers 503 that a copy may still work, and records no sign-out", async () => {
    const cookie = await signedIn();
    const name = cookie.slice(0, cookie.indexOf("="));
    const store = getSessionStore();
    const down = () => Promise.reject(new Error("store unreachable"));
    const revoke = vi.spyOn(store, "revokeSession").mockImplementation(down);
    const check = vi.spyOn(store, "checkSession").mockImplementation(down);
    try {
      const out = await nextAuth.signOut(cookie);
      expect(out.status).toBe(503);
      expect(await out.json()).toMatchObject({
        ok: false,
        error: { code: "SIGN_OUT_UNCONFIRMED" },
      });
      const cleared = out.headers
        .getSetCookie()
        .find((c) => c.startsWith(`${name}=`));
      expect(cleared).toMatch(
        /^[^=]+=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i,
      );
      // The cookie (or a copy) is refused while the store cannot confirm its session.
      expect(await nextAuth.session(cookie)).toEqual({});
    } finally {
      revoke.mockRestore();
      check.mockRestore();
    }
    const db = await getDb();
    const signOuts = { userId, type: "sign_out" as const };
    expect(await db.authEvent.count({ where: signOuts })).toBe(0);
  });
});
