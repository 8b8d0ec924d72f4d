import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { closeDb, getDb } from "@/lib/db";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { getChallengeStore } from "@/lib/store";
import { listOutbox } from "@/lib/messaging/outbox";
import {
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import {
  postAsBrowser,
  SESSION_COOKIE,
  signInBrowser,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { createRecordingMessenger } from "@/test/support/messenger";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as setUp } from "./authenticator/route";
import { POST as turnOn } from "./authenticator/confirm/route";
import { POST as remove } from "./authenticator/remove/route";
import { POST as generate } from "./recovery-codes/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The routes of the stronger factors: the password step for a person with an app, the code step
// taking its code, and the account routes refusing a visitor who is not signed in.

const PASSWORD = "a long enough password";
const META = { ip: null, userAgent: null };
/** Just past the 10 minutes a second factor stays fresh for (FRESH_SECOND_FACTOR_SECONDS). */
const STALE_MINUTES = FRESH_SECOND_FACTOR_SECONDS / 60 + 1;
const REAUTH = { code: "REAUTH_REQUIRED" };

const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) => postAsBrowser(handler, path, body, "198.51.100.8");
const signIn = signInBrowser;

beforeAll(() => installNextHeadersForCjs());

beforeEach(async () => {
  cookieJar.clear();
  await resetTables();
});
afterAll(async () => closeDb(await getDb()));

async function personWithApp() {
  const email = `p${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3361");
  const account = await createTestAccount({ email, phone, password: PASSWORD });
  const user = { id: account.id, email };
  const ctx = accountContext(user, {
    messenger: createRecordingMessenger(),
    request: META,
  });
  const setup = await startAuthenticatorSetup(ctx);
  if (!setup.ok) throw new Error(setup.error);
  const secret = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
  await turnOnAuthenticator(
    ctx,
    TOTP.generate({ secret, timestamp: Date.now() - 30_000 }),
  );
  return { email, phone, secret };
}

describe("signing in with an authenticator app", () => {
  it("texts nothing after the password, and the app's next code completes the step", async () => {
    const { email, phone, secret } = await personWithApp();
    const first = await post(login, "/api/login", {
      email,
      password: PASSWORD,
    });
    expect(first).toEqual({
      status: 200,
      json: { ok: true, next: "/verify", delivery: "none", channel: null },
    });
    expect(listOutbox(phone)).toEqual([]);
    const code = TOTP.generate({ secret });
    expect(
      await post(verify, "/api/otp/verify", { factor: "totp", code }),
    ).toEqual({
      status: 200,
      json: { ok: true, next: "/account", signIn: true },
    });
    const id = [...cookieJar.values()][0]!;
    expect(await getChallengeStore().redeemChallenge(id)).toMatchObject({
      verifiedBy: "totp",
    });
  });

  it("refuses a code for a factor the challenge does not take, and a malformed one, without counting", async () => {
    const email = `p${randomInt(1e9)}@example.com`;
    const phone = randomMobile("+3361");
    await createTestAccount({ email, phone, password: PASSWORD });
    await post(login, "/api/login", { email, password: PASSWORD });
    const totp = await post(verify, "/api/otp/verify", {
      factor: "totp",
      code: "123456",
    });
    expect(totp).toMatchObject({
      status: 400,
      json: { error: { code: "FACTOR_NOT_AVAILABLE" } },
    });
    const bad = await post(verify, "/api/otp/verify", {
      factor: "totp",
      code: "12ab56",
    });
    expect(bad).toMatchObject({
      status: 400,
      json: { error: { code: "INVALID_INPUT" } },
    });
    const other = await post(verify, "/api/otp/verify", {
      factor: "email",
      code: "123456",
    });
    expect(other.status).toBe(400);
  });
});

describe("the account's factor routes", () => {
  it.each([
    ["set up", setUp, "/api/account/authenticator", {}],
    [
      "turn on",
      turnOn,
      "/api/account/authenticator/confirm",
      { code: "123456" },
    ],
    ["remove", remove, "/api/account/authenticator/remove", {}],
    ["generate recovery codes", generate, "/api/account/recovery-codes", {}],
  ] as const)(
    "%s: refuses a visitor who is not signed in",
    async (_, handler, path, body) => {
      expect(await post(handler, path, body)).toMatchObject({
        status: 401,
        json: { ok: false, error: { code: "NOT_SIGNED_IN" } },
      });
      const db = await getDb();
      expect(await db.factor.count()).toBe(0);
    },
  );
});

describe("a signed-in person's factor routes", () => {
  async function person(minutesAgo = 0) {
    const email = `p${randomInt(1e9)}@example.com`;
    const phone = randomMobile("+3361");
    const account = await createTestAccount({ email, phone });
    await signIn(account.id, email, minutesAgo);
    return account;
  }

  /** This browser's session replaced by one whose second factor passed 11 minutes ago. */
  const goStale = (p: { id: string; email: string }) =>
    signIn(p.id, p.email, STALE_MINUTES);

  async function nothingAdded(phone: string) {
    const db = await getDb();
    expect(await db.factor.count()).toBe(0);
    expect(await db.totpSecret.count()).toBe(0);
    expect(await db.recoveryCode.count()).toBe(0);
    expect(await db.authEvent.count({ where: { type: "factor_added" } })).toBe(
      0,
    );
    expect(listOutbox(phone)).toEqual([]);
  }

  it("set up, turn on and remove the authenticator app, each change texted", async () => {
    const { phone } = await person();
    const setup = await post(setUp, "/api/account/authenticator", {});
    expect(setup).toMatchObject({ status: 200, json: { ok: true } });
    const secret = Secret.fromBase32(setup.json.setupKey.replace(/\s/g, ""));
    const code = TOTP.generate({ secret });
    const on = await post(turnOn, "/api/account/authenticator/confirm", {
      code,
    });
    expect(on).toEqual({ status: 200, json: { ok: true } });
    expect(await post(setUp, "/api/account/authenticator", {})).toMatchObject({
      status: 409,
      json: { error: { code: "AUTHENTICATOR_EXISTS" } },
    });
    const off = await post(remove, "/api/account/authenticator/remove", {});
    expect(off).toEqual({ status: 200, json: { ok: true } });
    expect(listOutbox(phone).map((e) => e.text)).toEqual([
      expect.stringContaining("authenticator app was removed"),
      expect.stringContaining("authenticator app was turned on"),
    ]);
  });

  it("refuse to remove the app more than 10 minutes after the second factor", async () => {
    const p = await person();
    const setup = await post(setUp, "/api/account/authenticator", {});
    const secret = Secret.fromBase32(setup.json.setupKey.replace(/\s/g, ""));
    await post(turnOn, "/api/account/authenticator/confirm", {
      code: TOTP.generate({ secret }),
    });
    await goStale(p);
    expect(
      await post(remove, "/api/account/authenticator/remove", {}),
    ).toMatchObject({
      status: 403,
      json: { error: { code: "REAUTH_REQUIRED" } },
    });
    const db = await getDb();
    expect(await db.factor.count({ where: { kind: "totp" } })).toBe(1);
  });

  it("refuse to set up an app more than 10 minutes after the second factor: no secret, no row", async () => {
    const { phone } = await person(STALE_MINUTES);
    const setup = await post(setUp, "/api/account/authenticator", {});
    expect(setup).toEqual({
      status: 403,
      json: { ok: false, error: expect.objectContaining(REAUTH) },
    });
    await nothingAdded(phone);
  });

  it("refuse to turn on an app set up earlier once the second factor is more than 10 minutes old", async () => {
    const p = await person();
    const setup = await post(setUp, "/api/account/authenticator", {});
    const secret = Secret.fromBase32(setup.json.setupKey.replace(/\s/g, ""));
    await goStale(p);
    expect(
      await post(turnOn, "/api/account/authenticator/confirm", {
        code: TOTP.generate({ secret }),
      }),
    ).toMatchObject({ status: 403, json: { error: REAUTH } });
    const db = await getDb();
    expect(
      await db.factor.count({ where: { confirmedAt: { not: null } } }),
    ).toBe(0);
    expect(await db.authEvent.count({ where: { type: "factor_added" } })).toBe(
      0,
    );
    expect(listOutbox(p.phone)).toEqual([]);
  });

  it("refuse to generate recovery codes more than 10 minutes after the second factor", async () => {
    const { phone } = await person(STALE_MINUTES);
    expect(await post(generate, "/api/account/recovery-codes", {})).toEqual({
      status: 403,
      json: { ok: false, error: expect.objectContaining(REAUTH) },
    });
    await nothingAdded(phone);
  });

  it("generate 10 recovery codes, in a reply that is never cached", async () => {
    await person();
    const response = await withRequest(
      new Request("http://localhost:3000/", {
        headers: {
          cookie: `${SESSION_COOKIE}=${cookieJar.get(SESSION_COOKIE)}`,
        },
      }),
      () => generate(jsonRequest("/api/account/recovery-codes", {})),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { codes } = await response.json();
    expect(codes).toHaveLength(10);
  });
});
