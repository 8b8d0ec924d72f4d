import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ERRORS } from "@/lib/errors";
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

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      jar.has(name) ? { name, value: jar.get(name) } : undefined,
    set: (name: string, value: string) => jar.set(name, value),
    delete: (name: string) => jar.delete(name),
  }),
}));

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
    redeem: (await import("@/lib/auth/redeem")).redeemSecondFactor,
    VerifyPage: (await import("@/app/verify/page")).default,
    listOutbox: (await import("@/lib/messaging/outbox")).listOutbox,
    hashPassword: (await import("@/lib/password")).hashPassword,
    createAccount: (await import("@/lib/account")).createAccount,
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
    jar.set("twostep_challenge", "x".repeat(43));
    await expectUnavailable(
      await call(app.verify, "/api/otp/verify", { code: "123456" }),
    );
    // next-auth answers a throwing authorize() with 401 and no session cookie.
    await expect(app.redeem(cookieHeader())).rejects.toThrow();
  });

  it("shows the code page with a message instead of crashing", async () => {
    const app = await loadApp(down);
    jar.set("twostep_challenge", "x".repeat(43));
    const page = await app.VerifyPage({ searchParams: Promise.resolve({}) });
    expect(textOf(page)).toContain(ERRORS.SERVICE_UNAVAILABLE.message);
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

  it("creates no account and no session when the signup's last step cannot write", async () => {
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
    await up.closeDb(db);
  });
});

describe("with the SMS provider refusing", () => {
  it("still leads to the code page, says the text failed, and a call still works", async () => {
    const app = await loadApp();
    const passwordHash = await app.hashPassword(PASSWORD);
    await app.createAccount({ email: EMAIL, passwordHash, phone: PHONE });
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
    });
    // A failed delivery waives the resend wait: a new text can go out at once.
    provider.down = false;
    const texted = await call(app.send, "/api/otp/send", { channel: "sms" });
    expect(texted.status).toBe(200);
    const verified = await call(app.verify, "/api/otp/verify", {
      code: newCode(app),
    });
    expect(await verified.json()).toEqual({ ok: true, next: "sign-in" });
  });
});
