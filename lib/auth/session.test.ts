import { randomUUID } from "node:crypto";
import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { endSession, getSessionStore, startSession } from "@/lib/sessions";
import {
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
} from "@/lib/sessions/policy";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";
import { authCookies } from "./cookies";
import { getSessionUser } from "./session";

// What a page sees: getSessionUser() decodes the cookie through next-auth and checks the
// server-side session it names. Tokens are made here with the app's secret, as an attacker who
// copied one would hold them.

const SECRET = process.env.NEXTAUTH_SECRET!;
const COOKIE = authCookies("http://localhost:3000").cookies.sessionToken.name;

async function pageUser(
  token: JWT,
  options: { maxAge?: number; secret?: string } = {},
) {
  const jwt = await encode({
    token,
    secret: options.secret ?? SECRET,
    maxAge: options.maxAge,
  });
  const request = new Request("http://localhost:3000/account", {
    headers: { cookie: `${COOKIE}=${jwt}` },
  });
  return withRequest(request, () => getSessionUser());
}

async function liveToken(): Promise<JWT> {
  const userId = `u-${randomUUID()}`;
  const session = await startSession(userId, { ip: "203.0.113.9" });
  return {
    sub: userId,
    email: "ada@example.com",
    sid: session.id,
    authTime: Math.floor(session.createdAt / 1000),
  };
}

describe("a page's session", () => {
  beforeAll(() => installNextHeadersForCjs());
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("lasts at most 12 hours from sign-in and 1 hour idle (NIST SP 800-63B-4 AAL2)", () => {
    expect(SESSION_ABSOLUTE_SECONDS).toBe(12 * 60 * 60);
    expect(SESSION_IDLE_SECONDS).toBe(60 * 60);
  });

  it("identifies the user while the server-side session is live", async () => {
    const token = await liveToken();
    expect(await pageUser(token)).toMatchObject({
      id: token.sub,
      email: "ada@example.com",
    });
  });

  it("costs one session-store call (one round trip on Upstash) per check", async () => {
    const token = await liveToken();
    const calls = storeCalls();
    await pageUser(token);
    expect(calls.count()).toBe(1);
  });

  it("is refused for a token signed with the app's secret that names no server-side session", async () => {
    const token = await liveToken();
    expect(await pageUser({ ...token, sid: "made-up" })).toBeNull();
    // Tokens from before server-side sessions carry no session id at all.
    expect(await pageUser({ sub: token.sub })).toBeNull();
    // Another user's id with a real session id.
    expect(await pageUser({ ...token, sub: "someone-else" })).toBeNull();
  });

  it("is refused once ended, wherever the token was copied", async () => {
    const token = await liveToken();
    await endSession(token.sub!, token.sid!);
    expect(await pageUser(token)).toBeNull();
  });

  it("is refused after an hour idle", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const token = await liveToken();
    vi.setSystemTime(Date.now() + SESSION_IDLE_SECONDS * 1000);
    expect(await pageUser(token)).toBeNull();
  });

  it("is refused when the sign-in time it carries is over 12 hours old, without asking the store", async () => {
    const token = await liveToken();
    const authTime = token.authTime! - SESSION_ABSOLUTE_SECONDS;
    const calls = storeCalls();
    expect(await pageUser({ ...token, authTime })).toBeNull();
    expect(calls.count()).toBe(0);
  });

  it("is refused while the session store cannot be reached (fail closed)", async () => {
    const token = await liveToken();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(getSessionStore(), "checkSession").mockRejectedValueOnce(
      new Error("connect ECONNREFUSED 127.0.0.1:1"),
    );
    expect(await pageUser(token)).toBeNull();
    expect(await pageUser(token)).not.toBeNull(); // back once the store answers
    error.mockRestore();
  });

  it("is refused once the token itself has expired", async () => {
    expect(await pageUser(await liveToken(), { maxAge: -60 })).toBeNull();
  });

  it("is refused when the token was signed with another secret", async () => {
    const secret = "another-secret-of-sufficient-length-000000";
    expect(await pageUser(await liveToken(), { secret })).toBeNull();
  });
});

/** Calls to the session store from now on; each of its methods is one round trip on Upstash. */
function storeCalls() {
  const store = getSessionStore();
  const spies = (Object.keys(store) as (keyof typeof store)[])
    .filter((name) => typeof store[name] === "function")
    .map((name) => vi.spyOn(store, name as "checkSession"));
  return { count: () => spies.reduce((n, s) => n + s.mock.calls.length, 0) };
}
