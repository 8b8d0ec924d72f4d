import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { ERRORS } from "@/lib/errors";
import { signVoiceRequest } from "@/lib/messaging/plivo-signature";
import { resetTables, TEST_DATABASE_URL } from "@/test/support/db";
import { recordExact, recordFigure } from "./figures";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";

// The code store or the database made to fail for real (a closed port), the app loaded afresh for
// each case (env is read once per process). Fail closed: 503 with the one clear message, no
// session, no code accepted, no account half-made.

const SECTION = "faults: store/DB";
const APP = "http://localhost:3000";
const CLOSED = "127.0.0.1:1";
const UNAVAILABLE = `503 SERVICE_UNAVAILABLE: "${ERRORS.SERVICE_UNAVAILABLE.message}"`;
/** Shaped like a sign-in's challenge id (`<purpose>-<random>.<account>`), so only the store can
 * say it is unknown. */
const SOME_CHALLENGE = `login-${"x".repeat(43)}.${"y".repeat(43)}`;
const PLIVO = {
  APP_URL: "https://twostep.example",
  MESSAGING: "outbox",
  PLIVO_AUTH_ID: "MAFAULTFAULTFAULT000",
  PLIVO_AUTH_TOKEN: "faults-plivo-auth-token",
  PLIVO_FROM_NUMBER: "+14155550100",
};

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  // The browser sent no Accept-Language: its pages, and a sign-up's texts, are in English.
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) =>
      jar.has(name) ? { name, value: jar.get(name) } : undefined,
    set: (name: string, value: string) => jar.set(name, value),
    delete: (cookie: string | { name: string }) =>
      jar.delete(typeof cookie === "string" ? cookie : cookie.name),
  }),
}));
installNextHeadersForCjs();

const g = globalThis as { __twostepDb?: unknown };
let savedDb: unknown;
beforeEach(async () => {
  jar.clear();
  savedDb = g.__twostepDb;
  delete g.__twostepDb; // a fresh client for this case's DATABASE_URL
  vi.spyOn(console, "error").mockImplementation(() => {});
  await resetTables();
});
afterEach(() => {
  g.__twostepDb = savedDb;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function loadApp(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  return {
    signup: (await import("@/app/api/signup/route")).POST,
    login: (await import("@/app/api/login/route")).POST,
    verify: (await import("@/app/api/otp/verify/route")).POST,
    voiceAnswer: (await import("@/app/api/voice/answer/route")).POST,
    nextAuth: await import("@/app/api/auth/[...nextauth]/route"),
    listOutbox: (await import("@/lib/messaging/outbox")).listOutbox,
  };
}
type App = Awaited<ReturnType<typeof loadApp>>;

const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) =>
  handler(
    new Request(`${APP}${path}`, {
      method: "POST",
      headers: { origin: APP, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
async function describeReply(res: Response) {
  const json = await res.json();
  return `${res.status} ${json.error?.code}: "${json.error?.message}"`;
}

/** next-auth's credentials callback, as the code page's sign-in makes it: does it grant a session? */
async function signInWithChallenge(app: App, challengeId: string) {
  const ctx = (nextauth: string[]) => ({
    params: Promise.resolve({ nextauth }),
  });
  const csrfReq = new NextRequest(`${APP}/api/auth/csrf`);
  const csrfRes: Response = await withRequest(csrfReq, () =>
    app.nextAuth.GET(csrfReq, ctx(["csrf"])),
  );
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .find((c) => c.includes("csrf"))!
    .split(";")[0];
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const req = new NextRequest(`${APP}/api/auth/callback/twostep`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${csrfCookie}; twostep_challenge=${challengeId}`,
    },
    body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
  });
  const res: Response = await withRequest(req, () =>
    app.nextAuth.POST(req, ctx(["callback", "twostep"])),
  );
  const session = res.headers
    .getSetCookie()
    .some((c) => c.includes("session-token"));
  // With json=true (what signIn(..., { redirect: false }) sends) a refusal is 200 + an error URL.
  const { url } = (await res.json()) as { url?: string };
  const error = url ? new URL(url).searchParams.get("error") : null;
  const granted = session || (res.ok && !error);
  const value = `${res.status} ${error ? `error=${error}` : `→ ${url}`}, session cookie ${session ? "set" : "none"}`;
  return { value, granted, status: res.status };
}

async function countAccounts() {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM phones) AS phones",
    );
    return `users ${rows[0].users}, phones ${rows[0].phones}`;
  } finally {
    await client.end();
  }
}

const person = (phone: string) => ({
  email: `${phone.slice(1)}@example.com`,
  password: "correct horse battery",
  phone,
});

describe("with the code store unreachable", () => {
  it("answers 503 with a clear message, accepts no code and grants no session", async () => {
    const app = await loadApp({
      UPSTASH_REDIS_REST_URL: `http://${CLOSED}`,
      UPSTASH_REDIS_REST_TOKEN: "token",
    });
    const phone = "+14155550151";
    const signup = await describeReply(
      await post(app.signup, "/api/signup", person(phone)),
    );
    const started = jar.size > 0 || app.listOutbox(phone).length > 0;
    jar.set("twostep_challenge", SOME_CHALLENGE);
    const verify = await describeReply(
      await post(app.verify, "/api/otp/verify", { code: "123456" }),
    );
    const signIn = await signInWithChallenge(app, SOME_CHALLENGE);
    recordExact(SECTION, "store down: signup", signup, UNAVAILABLE);
    recordExact(
      SECTION,
      "store down: challenge cookie or code sent",
      started ? "yes" : "no",
      "no",
    );
    recordExact(SECTION, "store down: verify a code", verify, UNAVAILABLE);
    recordFigure({
      section: SECTION,
      figure: "store down: next-auth sign-in (fail closed)",
      value: signIn.value,
      expected: "401 error=…, session cookie none",
      ok: signIn.status === 401 && !signIn.granted,
    });
    expect([signup, verify]).toEqual([UNAVAILABLE, UNAVAILABLE]);
    expect(started).toBe(false);
    expect(signIn.granted).toBe(false);
    expect(signIn.status).toBe(401);
  });

  it("answers Plivo's fetch of a call's answer URL with XML asking to call again", async () => {
    const app = await loadApp({
      UPSTASH_REDIS_REST_URL: `http://${CLOSED}`,
      UPSTASH_REDIS_REST_TOKEN: "token",
      ...PLIVO,
    });
    const path = `/api/voice/answer?call=${"t".repeat(43)}`;
    const form = { CallUUID: "c0ffee", From: "+14155550100" };
    const nonce = "12345678901234567890";
    const res = await app.voiceAnswer(
      new Request(`${APP}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-plivo-signature-v3-nonce": nonce,
          "x-plivo-signature-v3": signVoiceRequest({
            method: "POST",
            url: `${PLIVO.APP_URL}${path}`,
            nonce,
            params: form,
            authToken: PLIVO.PLIVO_AUTH_TOKEN,
          }),
        },
        body: new URLSearchParams(form).toString(),
      }),
    );
    const type = res.headers.get("content-type")?.split(";")[0];
    const said = (await res.text()).match(/<Speak[^>]*>([^<]*)</)?.[1] ?? "";
    const value = `${res.status} ${type}: "${said}"`;
    recordFigure({
      section: SECTION,
      figure: "store down: Plivo fetches a call's answer URL",
      value,
      expected: '200 application/xml: "…ask for a new call…"',
      ok:
        res.status === 200 &&
        type === "application/xml" &&
        /ask for a new call/.test(said),
    });
    expect(res.status).toBe(200);
    expect(type).toBe("application/xml");
    expect(said).toMatch(/ask for a new call/);
  });
});

describe("with the database unreachable", () => {
  it("answers 503 with a clear message and creates no account, not even half of one", async () => {
    const app = await loadApp({
      DATABASE_URL: `postgresql://postgres@${CLOSED}/test`,
    });
    const phone = "+14155550152";
    const before = await countAccounts();
    const login = await describeReply(
      await post(app.login, "/api/login", {
        email: "ada@example.com",
        password: "whatever it is",
      }),
    );
    await post(app.signup, "/api/signup", person(phone)); // no database needed until the code is right
    const code = app.listOutbox(phone)[0]!.text.match(/#(\d{6})$/)![1]!;
    const challenge = jar.get("twostep_challenge")!;
    const verify = await describeReply(
      await post(app.verify, "/api/otp/verify", { code }),
    );
    const signIn = await signInWithChallenge(app, challenge);
    const after = await countAccounts();
    recordExact(SECTION, "DB down: password step", login, UNAVAILABLE);
    recordExact(
      SECTION,
      "DB down: right code for a signup",
      verify,
      UNAVAILABLE,
    );
    recordExact(
      SECTION,
      "DB down: accounts before → after",
      `${before} → ${after}`,
      "users 0, phones 0 → users 0, phones 0",
    );
    recordFigure({
      section: SECTION,
      figure: "DB down: next-auth sign-in",
      value: signIn.value,
      expected: "401 error=…, session cookie none",
      ok: signIn.status === 401 && !signIn.granted,
    });
    expect([login, verify]).toEqual([UNAVAILABLE, UNAVAILABLE]);
    expect(after).toBe(before);
    expect(signIn.granted).toBe(false);
    expect(signIn.status).toBe(401);

    // The database is back: the phone was proven, so the same code finishes the signup.
    vi.unstubAllEnvs();
    delete g.__twostepDb;
    const up = await loadApp({ DATABASE_URL: TEST_DATABASE_URL });
    const retried = await post(up.verify, "/api/otp/verify", { code });
    const retry = `${retried.status} ${JSON.stringify(await retried.json())}`;
    const created = await countAccounts();
    const session = await signInWithChallenge(up, challenge);
    recordExact(
      SECTION,
      "DB back: the same code again, then accounts",
      `${retry}, ${created}`,
      '200 {"ok":true,"next":"/account","signIn":true}, users 1, phones 1',
    );
    recordFigure({
      section: SECTION,
      figure: "DB back: next-auth sign-in",
      value: session.value,
      expected: "200 → …, session cookie set",
      ok: session.granted && session.status === 200,
    });
    expect(retry).toBe('200 {"ok":true,"next":"/account","signIn":true}');
    expect(created).toBe("users 1, phones 1");
    expect(session.granted).toBe(true);
  });
});
