import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ERRORS } from "@/lib/errors";
import { signVoiceRequest } from "@/lib/messaging/plivo-signature";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables, TEST_DATABASE_URL } from "@/test/support/db";

// When a dependency fails, the process lives, nothing is left half-done, and the person reads a
// clear message. Each dependency is made to fail for real: a code store or database on a closed
// port, a provider that refuses. The environment is read once per process, so every case loads
// the app afresh (vi.resetModules) after setting it.

const APP = "http://localhost:3000";
const CLOSED = "127.0.0.1:1";
// A number of its own per case: the per-number send limits outlive a case.
let cases = 0;
let PHONE = "";
const EMAIL = "ada@example.com";
const PASSWORD = "long-enough-password";
/** Shaped like a sign-in's challenge id (`<purpose>-<random>.<account>`), so only the store can
 * say it is unknown. */
const SOME_CHALLENGE = `login-${"x".repeat(43)}.${"y".repeat(43)}`;

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

// The code page asks next-intl for its words, which has no request here (no React Server
// Components render): English, as a request naming no language gets them.
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { MESSAGES } = await import("@/lib/i18n/messages");
  return {
    getTranslations: async (namespace: "Signin.verify") =>
      createTranslator({ locale: "en", messages: MESSAGES.en, namespace }),
  };
});

// A messenger the "provider refuses" case can break; the real outbox otherwise.
const provider = vi.hoisted(() => ({ down: false }));
vi.mock("@/lib/messaging", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/messaging")>();
  const { createOutboxMessenger } = await import("@/lib/messaging/outbox");
  const outbox = createOutboxMessenger();
  const refuse = async () => {
    // This load's own class: after vi.resetModules the top-level import is another one.
    const { MessagingError } = await import("@/lib/messaging/types");
    throw new MessagingError("network", "connect ECONNREFUSED api.plivo.com");
  };
  const messenger = {
    ...outbox,
    sendSms: (req: Parameters<typeof outbox.sendSms>[0]) =>
      provider.down ? refuse() : outbox.sendSms(req),
    placeCall: (req: Parameters<typeof outbox.placeCall>[0]) =>
      provider.down ? refuse() : outbox.placeCall(req),
  };
  return { ...real, getMessenger: () => messenger };
});

const g = globalThis as { __twostepDb?: unknown };
let savedDb: unknown;

async function loadApp(env: Record<string, string> = {}) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  return {
    signup: (await import("./signup/route")).POST,
    login: (await import("./login/route")).POST,
    send: (await import("./otp/send/route")).POST,
    verify: (await import("./otp/verify/route")).POST,
    status: (await import("./otp/status/route")).GET,
    voiceAnswer: (await import("./voice/answer/route")).POST,
    redeem: (await import("@/lib/auth/redeem")).redeemSecondFactor,
    VerifyPage: (await import("@/app/verify/page")).default,
    listOutbox: (await import("@/lib/messaging/outbox")).listOutbox,
    getDb: (await import("@/lib/db")).getDb,
    closeDb: (await import("@/lib/db")).closeDb,
  };
}

function call(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body?: object,
) {
  return handler(
    new Request(`${APP}${path}`, {
      method: body ? "POST" : "GET",
      headers: { origin: APP, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    ok: false,
    error: {
      code: "SERVICE_UNAVAILABLE",
      message: ERRORS.SERVICE_UNAVAILABLE.message,
      final: false,
    },
  });
}

/** The text a server component's element tree would render (enough for plain elements). */
function textOf(node: unknown): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  const props = (node as { props?: { children?: unknown } } | null)?.props;
  return props ? textOf(props.children) : "";
}

const cookieHeader = () => `twostep_challenge=${jar.get("twostep_challenge")}`;
const newCode = (app: Awaited<ReturnType<typeof loadApp>>) =>
  app.listOutbox(PHONE)[0]!.text.match(/#(\d{6})$/)![1]!;

beforeEach(async () => {
  PHONE = `+1415555${String(130 + cases++).padStart(4, "0")}`;
  jar.clear();
  provider.down = false;
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

describe("with the code store unreachable", () => {
  const down = {
    UPSTASH_REDIS_REST_URL: `http://${CLOSED}`,
    UPSTASH_REDIS_REST_TOKEN: "token",
  };

  it("answers a signup with 503 and a clear message, and starts nothing", async () => {
    const app = await loadApp(down);
    const res = await call(app.signup, "/api/signup", {
      email: EMAIL,
      password: PASSWORD,
      phone: PHONE,
    });
    await expectUnavailable(res);
    expect(jar.size).toBe(0);
    expect(app.listOutbox(PHONE)).toEqual([]);
  });

  it("fails closed: no code is checked, no session is granted", async () => {
    const app = await loadApp(down);
    jar.set("twostep_challenge", SOME_CHALLENGE);
    await expectUnavailable(
      await call(app.verify, "/api/otp/verify", { code: "123456" }),
    );
    // next-auth answers a throwing authorize() with 401 and no session cookie.
    await expect(app.redeem(cookieHeader())).rejects.toThrow();
  });

  it("shows the code page with a message instead of crashing", async () => {
    const app = await loadApp(down);
    jar.set("twostep_challenge", SOME_CHALLENGE);
    const page = await app.VerifyPage({ searchParams: Promise.resolve({}) });
    expect(textOf(page)).toContain(ERRORS.SERVICE_UNAVAILABLE.message);
  });

  it("answers Plivo's fetch of a call's answer URL with XML that asks to call again, not a bare 500", async () => {
    const authToken = "plivo-fault-auth-token";
    const app = await loadApp({
      ...down,
      APP_URL: "https://twostep.example",
      PLIVO_AUTH_ID: "MAFAULTFAULTFAULT000",
      PLIVO_AUTH_TOKEN: authToken,
      PLIVO_FROM_NUMBER: "+14155550100",
      MESSAGING: "outbox",
    });
    const path = `/api/voice/answer?call=${"t".repeat(43)}`;
    const form = { CallUUID: "c0ffee", From: "+14155550100", To: PHONE };
    const nonce = "12345678901234567890";
    const signature = signVoiceRequest({
      method: "POST",
      url: `https://twostep.example${path}`,
      nonce,
      params: form,
      authToken,
    });
    const res = await app.voiceAnswer(
      new Request(`${APP}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-plivo-signature-v3": signature,
          "x-plivo-signature-v3-nonce": nonce,
        },
        body: new URLSearchParams(form).toString(),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<Response>\s*<Speak/);
    expect(xml).toMatch(/ask for a new call/i);
    expect(xml).not.toMatch(/\d\. \d/); // no digits read out
  });
});

describe("with the database unreachable", () => {
  const down = { DATABASE_URL: `postgresql://postgres@${CLOSED}/test` };

  it("answers the password step with 503 and a clear message", async () => {
    const app = await loadApp(down);
    const res = await call(app.login, "/api/login", {
      email: EMAIL,
      password: PASSWORD,
    });
    await expectUnavailable(res);
    expect(jar.size).toBe(0);
  });

  it("creates no account and no session when the signup's last step cannot write, and finishes it once the database is back", async () => {
    const app = await loadApp(down);
    await call(app.signup, "/api/signup", {
      email: EMAIL,
      password: PASSWORD,
      phone: PHONE,
    });
    const res = await call(app.verify, "/api/otp/verify", {
      code: newCode(app),
    });
    await expectUnavailable(res);
    expect(await app.redeem(cookieHeader())).toBeNull();
    const up = await loadApp({ DATABASE_URL: TEST_DATABASE_URL });
    delete g.__twostepDb;
    const db = await up.getDb();
    expect(await db.user.count()).toBe(0);
    // The phone was proven: entering the code again, with the database back, creates the account
    // (it must not stay "already complete" for good) and the browser signs in once.
    const retried = await call(up.verify, "/api/otp/verify", {
      code: newCode(app),
    });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({
      ok: true,
      next: "/account",
      signIn: true,
    });
    const user = await db.user.findFirst({
      where: { email: EMAIL },
      include: { phones: true },
    });
    expect(user?.phones).toMatchObject([
      { number: PHONE, verifiedNumber: PHONE },
    ]);
    expect(await up.redeem(cookieHeader())).toMatchObject({ id: user!.id });
    expect(await up.redeem(cookieHeader())).toBeNull();
    await up.closeDb(db);
  });
});

describe("with the SMS provider refusing", () => {
  it("still leads to the code page, says the text failed, and a call still works", async () => {
    const app = await loadApp();
    await createTestAccount({ email: EMAIL, phone: PHONE, password: PASSWORD });
    provider.down = true;
    const res = await call(app.login, "/api/login", {
      email: EMAIL,
      password: PASSWORD,
    });
    expect(await res.json()).toMatchObject({
      ok: true,
      next: "/verify",
      delivery: "failed",
    });
    const view = await (await call(app.status, "/api/otp/status")).json();
    expect(view).toMatchObject({ ok: true, challenge: { delivery: "failed" } });

    provider.down = false;
    const called = await call(app.send, "/api/otp/send", { channel: "voice" });
    expect(called.status).toBe(200);
    expect(app.listOutbox(PHONE)[0]!.channel).toBe("voice");
  });

  it("answers a call the provider refuses with its message, and keeps the challenge going", async () => {
    const app = await loadApp();
    await call(app.signup, "/api/signup", {
      email: EMAIL,
      password: PASSWORD,
      phone: PHONE,
    });
    provider.down = true;
    const res = await call(app.send, "/api/otp/send", { channel: "voice" });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toEqual({
      code: "PROVIDER_UNAVAILABLE",
      message: ERRORS.PROVIDER_UNAVAILABLE.message,
      final: false,
    });
    // A failed delivery waives the resend wait: a new text can go out at once.
    provider.down = false;
    const texted = await call(app.send, "/api/otp/send", { channel: "sms" });
    expect(texted.status).toBe(200);
    const verified = await call(app.verify, "/api/otp/verify", {
      code: newCode(app),
    });
    expect(await verified.json()).toEqual({
      ok: true,
      next: "/account",
      signIn: true,
    });
  });
});
