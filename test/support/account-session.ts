import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { authCookies } from "@/lib/auth/cookies";
import { closeDb, getDb } from "@/lib/db";
import type { SignInMethod } from "@/lib/factors/policy";
import { startSession } from "@/lib/sessions";
import { resetTables } from "./db";
import { installNextHeadersForCjs, withRequest } from "./next-headers-cjs";
import { clearBrowser, cookieJar, jsonRequest } from "./next-request";

// A signed-in browser for the account routes' tests: a server-side session with its next-auth
// cookie in the test browser's jar, and POSTs that next-auth sees carrying that cookie. Call
// installNextHeadersForCjs() once first (setUpAccountRouteSuite does).

export const SESSION_COOKIE = authCookies("http://localhost:3000").cookies
  .sessionToken.name;

/** An account route suite's hooks: next-auth's own next/headers, then a clean browser and tables. */
export function setUpAccountRouteSuite() {
  beforeAll(() => installNextHeadersForCjs());
  beforeEach(async () => {
    clearBrowser();
    await resetTables();
  });
  afterAll(async () => closeDb(await getDb()));
}

/** One of several browsers signed in to `userId`, for suites that switch between them. */
export interface SignedInBrowser {
  sid: string;
  /** The next-auth session cookie's value, and the header that carries it. */
  value: string;
  cookie: string;
}

/**
 * A browser signed in to `userId` (from `ip`, with `userAgent`), as next-auth issues it after a
 * texted code (`amr`, unless told) that passed `ageSeconds` ago.
 */
export async function openBrowser(
  userId: string,
  opts: {
    ageSeconds?: number;
    ip?: string;
    userAgent?: string;
    email?: string;
    amr?: SignInMethod;
  } = {},
): Promise<SignedInBrowser> {
  const { ageSeconds = 0, ip, userAgent, email, amr = "phone" } = opts;
  const session = await startSession(userId, { ip, userAgent });
  const authTime = Math.floor(Date.now() / 1000) - ageSeconds;
  const token = { sub: userId, email, sid: session.id, authTime, amr };
  const value = await encode({ token, secret: process.env.NEXTAUTH_SECRET! });
  return { sid: session.id, value, cookie: `${SESSION_COOKIE}=${value}` };
}

/** POSTs `body` to `handler` from `ip` as the browser `from`, which is also the jar's browser then. */
export async function postFrom(
  from: SignedInBrowser,
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object = {},
  ip = "198.51.100.9",
) {
  cookieJar.set(SESSION_COOKIE, from.value);
  const request = jsonRequest(path, body, {
    ip,
    headers: { cookie: from.cookie },
  });
  // next-auth reads the request's cookie header; the routes' own reads go through next/headers.
  const seen = new Request(request.url, { headers: { cookie: from.cookie } });
  const response = await withRequest(seen, () => handler(request));
  return { status: response.status, json: await response.json() };
}

/** POSTs `body` as this browser, from `ip`; the status and the JSON reply. */
export async function postAsBrowser(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
  ip: string,
) {
  const request = jsonRequest(path, body, { ip });
  // next-auth reads the request through its own require("next/headers").
  const session = cookieJar.get(SESSION_COOKIE);
  const seen = new Request(request.url, {
    headers: session ? { cookie: `${SESSION_COOKIE}=${session}` } : {},
  });
  const response = await withRequest(seen, () => handler(request));
  return { status: response.status, json: await response.json() };
}

/** Signs this browser in as `userId`, its second factor passed `minutesAgo` minutes ago. */
export async function signInBrowser(
  userId: string,
  email: string,
  minutesAgo = 0,
) {
  const opened = await openBrowser(userId, {
    email,
    ageSeconds: minutesAgo * 60,
  });
  cookieJar.set(SESSION_COOKIE, opened.value);
}
