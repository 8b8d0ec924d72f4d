import { NextRequest } from "next/server";
import { newChallengeId } from "@/lib/challenge/id";
import { FAILURE_POLICY } from "@/lib/challenge/verify";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { getChallengeStore } from "@/lib/store";
import { withRequest } from "./next-headers-cjs";

// Drives the real next-auth route (app/api/auth/[...nextauth]/route.ts) in-process, as a browser
// would: CSRF token first, then the credentials callback, /api/auth/session, and sign-out. Call
// installNextHeadersForCjs() once before using it.

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;
export interface NextAuthRoute {
  GET: Handler;
  POST: Handler;
}

const APP = "http://localhost:3000";

/** The `name=value` pairs a response sets, for a Cookie header. */
export function setCookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export function createNextAuthClient(route: NextAuthRoute) {
  async function call(
    method: "GET" | "POST",
    path: string[],
    init: { cookie?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { "user-agent": "vitest-browser" };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.form)
      headers["content-type"] = "application/x-www-form-urlencoded";
    const req = new NextRequest(`${APP}/api/auth/${path.join("/")}`, {
      method,
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    const ctx = { params: Promise.resolve({ nextauth: path }) };
    return withRequest(req, () => route[method](req, ctx));
  }

  async function csrf() {
    const res = await call("GET", ["csrf"]);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const headers = res.headers.getSetCookie();
    return { csrfToken, cookie: setCookies(res).join("; "), headers };
  }

  return {
    /**
     * The code page's sign-in: the session cookie (`name=value`, null when refused) and every
     * Set-Cookie header of the CSRF and sign-in answers, whole.
     */
    async signIn(challengeId: string, existingSession?: string) {
      const { csrfToken, cookie, headers } = await csrf();
      const before = existingSession ? `${existingSession}; ` : "";
      const res = await call("POST", ["callback", "twostep"], {
        cookie: `${before}${cookie}; ${challengeCookieName()}=${challengeId}`,
        form: { csrfToken, json: "true" },
      });
      const session = setCookies(res).find((c) => /session-token=./.test(c));
      return {
        cookie: session ?? null,
        setCookieHeaders: [...headers, ...res.headers.getSetCookie()],
      };
    },
    /** GET /api/auth/session with this cookie: the JSON body. */
    async session(cookie: string): Promise<{ user?: { id?: string } }> {
      return (await call("GET", ["session"], { cookie })).json();
    },
    /** "Sign out", with the CSRF token the page would send. */
    async signOut(cookie: string): Promise<Response> {
      const { csrfToken, cookie: csrfCookie } = await csrf();
      return call("POST", ["signout"], {
        cookie: `${csrfCookie}; ${cookie}`,
        form: { csrfToken, json: "true" },
      });
    },
  };
}

/** A login challenge of this user whose code was entered right: what the code page signs in with. */
export async function verifiedChallenge(userId: string, phone: string) {
  const store = getChallengeStore();
  const id = newChallengeId("login", `user:${userId}`);
  const now = Date.now();
  const challenge = {
    id,
    purpose: "login" as const,
    userId,
    phone,
    createdAt: now,
  };
  const pending = { pendingEmail: null, pendingPasswordHash: null };
  await store.startChallenge({ ...challenge, ...pending }, 900, {
    codeHash: "h",
    codeExpiresAt: now + 60_000,
    maxSends: 5,
    now,
    channel: "sms",
    cooldownMs: 0,
    delivery: "sent",
  });
  const verified = await store.verifyCode(id, "h", now, FAILURE_POLICY);
  if (!verified.ok)
    throw new Error(`challenge not verified: ${verified.reason}`);
  return id;
}
