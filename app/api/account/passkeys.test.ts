import { randomInt } from "node:crypto";
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
import { POST as passkeyOptions } from "@/app/api/otp/passkey/route";
import { POST as passkeyVerify } from "@/app/api/otp/passkey/verify/route";
import { closeDb, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { deviceCookieName } from "@/lib/http/device-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { getChallengeStore } from "@/lib/store";
import { createTestAccount } from "@/test/support/accounts";
import { postAsBrowser, signInBrowser } from "@/test/support/account-session";
import { resetTables } from "@/test/support/db";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { cookieJar } from "@/test/support/next-request";
import { softwarePasskey } from "@/test/support/software-authenticator";
import { randomMobile } from "@/test/support/phones";
import { POST as add } from "./passkeys/add/route";
import { POST as remove } from "./passkeys/remove/route";
import { POST as options } from "./passkeys/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The passkey routes through the HTTP edge: adding one from a signed-in session, the password
// step then texting nothing, "Use a passkey" completing this browser's challenge (and, with the
// box ticked, remembering this browser), and removal.

const PASSWORD = "a long enough password";
const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) => postAsBrowser(handler, path, body, "198.51.100.11");
const signIn = signInBrowser;
/** Just past the 10 minutes a second factor stays fresh for. */
const STALE_MINUTES = FRESH_SECOND_FACTOR_SECONDS / 60 + 1;
const REAUTH = { code: "REAUTH_REQUIRED" };

async function person() {
  const email = `p${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3361");
  return createTestAccount({ email, phone, password: PASSWORD });
}

/** A person with one passkey, added from a session this browser then left. */
async function personWithPasskey() {
  const user = await person();
  await signIn(user.id, user.email);
  const origin = new URL(getEnv().appUrl).origin;
  const passkey = softwarePasskey();
  const start = await post(options, "/api/account/passkeys", {});
  const response = passkey.register(start.json.options, origin);
  expect(
    await post(add, "/api/account/passkeys/add", { name: "Key", response }),
  ).toEqual({ status: 200, json: { ok: true } });
  cookieJar.clear();
  return { ...user, passkey, origin };
}

/** The password step from this browser; its challenge's id. */
async function passwordStep(user: { email: string }) {
  cookieJar.delete(challengeCookieName());
  const reply = await post(login, "/api/login", {
    email: user.email,
    password: PASSWORD,
  });
  expect(reply.status).toBe(200);
  return { json: reply.json, id: cookieJar.get(challengeCookieName())! };
}

/** "Use a passkey" on this browser's challenge, with `extra` in the body (the box). */
async function usePasskey(
  user: Awaited<ReturnType<typeof personWithPasskey>>,
  extra: object,
  override?: { userVerified?: boolean },
) {
  const ask = await post(passkeyOptions, "/api/otp/passkey", {});
  const response = user.passkey.assert(ask.json.options, user.origin, override);
  return post(passkeyVerify, "/api/otp/passkey/verify", {
    response,
    ...extra,
  });
}

async function rememberedCount(userId: string) {
  return (await getDb()).rememberedDevice.count({ where: { userId } });
}

beforeAll(() => installNextHeadersForCjs());
beforeEach(async () => {
  cookieJar.clear();
  await resetTables();
});
afterAll(async () => closeDb(await getDb()));

describe("the passkey routes", () => {
  it.each([
    ["options", options, "/api/account/passkeys", {}],
    ["remove", remove, "/api/account/passkeys/remove", { id: "x" }],
  ] as const)(
    "%s: refuse a visitor who is not signed in",
    async (_, handler, path, body) => {
      expect(await post(handler, path, body)).toMatchObject({
        status: 401,
        json: { ok: false, error: { code: "NOT_SIGNED_IN" } },
      });
    },
  );

  it("refuse a malformed response or a missing name before any check", async () => {
    const { id, email } = await person();
    await signIn(id, email);
    for (const body of [
      { name: "Laptop", response: { id: "x" } },
      { name: "", response: {} },
      { response: {} },
    ])
      expect((await post(add, "/api/account/passkeys/add", body)).status).toBe(
        400,
      );
    expect(
      (await post(passkeyVerify, "/api/otp/passkey/verify", { response: 1 }))
        .status,
    ).toBe(400);
  });

  it("add a passkey, then the password step texts nothing and the passkey completes this browser's challenge", async () => {
    const user = await person();
    await signIn(user.id, user.email);
    const origin = new URL(getEnv().appUrl).origin;
    const passkey = softwarePasskey();
    const start = await post(options, "/api/account/passkeys", {});
    expect(start).toMatchObject({ status: 200, json: { ok: true } });
    const response = passkey.register(start.json.options, origin);
    expect(
      await post(add, "/api/account/passkeys/add", {
        name: " Laptop ",
        response,
      }),
    ).toEqual({ status: 200, json: { ok: true } });
    expect(listOutbox(user.phone)[0]?.text).toContain('"Laptop" was added');
    cookieJar.clear();

    expect(
      await post(login, "/api/login", {
        email: user.email,
        password: PASSWORD,
      }),
    ).toMatchObject({ status: 200, json: { delivery: "none", channel: null } });
    expect(listOutbox(user.phone)).toHaveLength(1);
    const ask = await post(passkeyOptions, "/api/otp/passkey", {});
    expect(ask).toMatchObject({ status: 200, json: { ok: true } });
    const assertion = passkey.assert(ask.json.options, origin);
    expect(
      await post(passkeyVerify, "/api/otp/passkey/verify", {
        response: assertion,
      }),
    ).toEqual({
      status: 200,
      json: { ok: true, next: "/account", signIn: true },
    });
    const id = [...cookieJar.values()][0]!;
    expect(await getChallengeStore().redeemChallenge(id)).toMatchObject({
      verifiedBy: "passkey",
    });
  });

  it("refuse the options to a session whose second factor is more than 10 minutes old", async () => {
    const user = await person();
    await signIn(user.id, user.email, STALE_MINUTES);
    expect(await post(options, "/api/account/passkeys", {})).toEqual({
      status: 403,
      json: { ok: false, error: expect.objectContaining(REAUTH) },
    });
  });

  it("refuse a passkey named to carry a phishing line into the owner's notices: no row, no text, no email", async () => {
    const user = await person();
    await signIn(user.id, user.email);
    const origin = new URL(getEnv().appUrl).origin;
    const start = await post(options, "/api/account/passkeys", {});
    const response = softwarePasskey().register(start.json.options, origin);
    for (const name of [
      "Work\nClick https://evil.example/x",
      "Work laptop \u202Eevil.example",
      "Call us: support-twostep.example",
    ])
      expect(
        await post(add, "/api/account/passkeys/add", { name, response }),
      ).toMatchObject({ status: 400, json: { ok: false } });
    const db = await getDb();
    expect(await db.passkey.count()).toBe(0);
    expect(listOutbox(user.phone)).toEqual([]);
    expect(listOutbox(user.email)).toEqual([]);
  });

  it("store a passkey's name as one clean line, and repeat it so in the text", async () => {
    const user = await person();
    await signIn(user.id, user.email);
    const origin = new URL(getEnv().appUrl).origin;
    const start = await post(options, "/api/account/passkeys", {});
    const response = softwarePasskey().register(start.json.options, origin);
    const name = "Work\r\n\u0007lap\u200Btop\u202E\t ";
    expect(
      await post(add, "/api/account/passkeys/add", { name, response }),
    ).toEqual({ status: 200, json: { ok: true } });
    const db = await getDb();
    const [row] = await db.passkey.findMany({ select: { name: true } });
    expect(row?.name).toBe("Work laptop");
    expect(listOutbox(user.phone)[0]?.text).toContain(
      '"Work laptop" was added',
    );
  });

  it("refuse to save a passkey once the second factor is more than 10 minutes old: no row, no text", async () => {
    const user = await person();
    await signIn(user.id, user.email);
    const origin = new URL(getEnv().appUrl).origin;
    const start = await post(options, "/api/account/passkeys", {});
    const response = softwarePasskey().register(start.json.options, origin);
    await signIn(user.id, user.email, STALE_MINUTES);
    expect(
      await post(add, "/api/account/passkeys/add", { name: "Key", response }),
    ).toMatchObject({ status: 403, json: { error: REAUTH } });
    const db = await getDb();
    expect(await db.passkey.count()).toBe(0);
    expect(await db.factor.count({ where: { kind: "passkey" } })).toBe(0);
    expect(await db.authEvent.count({ where: { type: "factor_added" } })).toBe(
      0,
    );
    expect(listOutbox(user.phone)).toEqual([]);
  });

  it("remove a passkey from a fresh session, and text it", async () => {
    const user = await person();
    await signIn(user.id, user.email);
    const origin = new URL(getEnv().appUrl).origin;
    const start = await post(options, "/api/account/passkeys", {});
    const response = softwarePasskey().register(start.json.options, origin);
    await post(add, "/api/account/passkeys/add", { name: "Key", response });
    const db = await getDb();
    const factor = await db.factor.findFirstOrThrow({
      where: { userId: user.id, kind: "passkey" },
    });
    expect(
      await post(remove, "/api/account/passkeys/remove", { id: factor.id }),
    ).toEqual({ status: 200, json: { ok: true } });
    expect(await db.passkey.count()).toBe(0);
    expect(listOutbox(user.phone)[0]?.text).toContain('"Key" was removed');
  });
});

describe("remembering this browser at the passkey step", () => {
  it("with the box ticked, keeps the device cookie and the next password step skips the second factor", async () => {
    const user = await personWithPasskey();
    await passwordStep(user);
    expect(await usePasskey(user, { remember: true })).toEqual({
      status: 200,
      json: { ok: true, next: "/account", signIn: true },
    });
    expect(cookieJar.get(deviceCookieName())).toMatch(/^[\w-]{43}$/);
    expect(await rememberedCount(user.id)).toBe(1);
    const db = await getDb();
    expect(
      await db.authEvent.count({
        where: { userId: user.id, type: "device_remembered" },
      }),
    ).toBe(1);

    const texts = listOutbox(user.phone).length;
    const next = await passwordStep(user);
    expect(next.json).toEqual({
      ok: true,
      next: "/verify",
      delivery: "none",
      channel: null,
      signIn: true,
    });
    expect(await getChallengeStore().redeemChallenge(next.id)).toMatchObject({
      verifiedBy: "device",
    });
    expect(listOutbox(user.phone)).toHaveLength(texts);
  });

  it.each([
    ["absent", {}],
    ["unticked", { remember: false }],
  ])(
    "with the box %s, remembers nothing and the next password step asks for the passkey again",
    async (_, extra) => {
      const user = await personWithPasskey();
      await passwordStep(user);
      expect(await usePasskey(user, extra)).toEqual({
        status: 200,
        json: { ok: true, next: "/account", signIn: true },
      });
      expect(cookieJar.has(deviceCookieName())).toBe(false);
      expect(await rememberedCount(user.id)).toBe(0);

      const next = await passwordStep(user);
      expect(next.json).toEqual({
        ok: true,
        next: "/verify",
        delivery: "none",
        channel: null,
      });
      expect(await getChallengeStore().getChallenge(next.id)).toMatchObject({
        status: "pending",
        verifiedBy: null,
      });
    },
  );

  it("remembers nothing when the passkey fails, even with the box ticked", async () => {
    const user = await personWithPasskey();
    await passwordStep(user);
    const failed = await usePasskey(
      user,
      { remember: true },
      { userVerified: false },
    );
    expect(failed).toMatchObject({
      status: 400,
      json: { ok: false, error: { code: "PASSKEY_FAILED" } },
    });
    expect(cookieJar.has(deviceCookieName())).toBe(false);
    expect(await rememberedCount(user.id)).toBe(0);
  });
});
