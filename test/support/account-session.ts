import { encode } from "next-auth/jwt";
import { authCookies } from "@/lib/auth/cookies";
import { startSession } from "@/lib/sessions";
import { withRequest } from "./next-headers-cjs";
import { cookieJar, jsonRequest } from "./next-request";

// A signed-in browser for the account routes' tests: a server-side session with its next-auth
// cookie in the test browser's jar, and POSTs that next-auth sees carrying that cookie. Call
// installNextHeadersForCjs() once first.

export const SESSION_COOKIE = authCookies("http://localhost:3000").cookies
  .sessionToken.name;

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
  const session = await startSession(userId);
  const authTime = Math.floor(Date.now() / 1000) - minutesAgo * 60;
  const token = { sub: userId, email, sid: session.id, authTime };
  cookieJar.set(
    SESSION_COOKIE,
    await encode({ token, secret: process.env.NEXTAUTH_SECRET! }),
  );
}
