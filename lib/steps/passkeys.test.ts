import { randomInt } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/account/records";
import { closeDb, getDb } from "@/lib/db";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { listPasskeys } from "@/lib/factors/passkey-records";
import { hashPassword } from "@/lib/password/hash";
import type { ChallengeStore } from "@/lib/store";
import {
  accountContext,
  behindFreshSecondFactor,
  clockAt,
  testContext,
} from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import {
  createRecordingMessenger,
  type RecordingMessenger,
} from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import {
  softwarePasskey,
  type SoftwarePasskey,
} from "@/test/support/software-authenticator";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import { randomMobile } from "@/test/support/phones";
import {
  finishAddingPasskey,
  removePasskey,
  startAddingPasskey,
} from "./manage-passkeys";
import { checkPasswordStep } from "./sign-in";
import { startPasskeyStep, verifyPasskeyStep } from "./verify-passkey";

// Passkeys end to end below the HTTP edge: real WebAuthn signatures from a software authenticator,
// verified by the steps over the Upstash store on the real Redis and the real Postgres.

const META = { ip: "198.51.100.10", userAgent: "vitest" };
const PASSWORD = "a long enough password";
const APP_URL = "https://twostep.example";
const ORIGIN = "https://twostep.example";

let server: UpstashRestServer;
let store: ChallengeStore;
let messenger: RecordingMessenger;
let passwordHash: string;

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("passkeys"));
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await server.close();
  await closeDb(await getDb());
});
beforeEach(async () => {
  await resetTables();
  messenger = createRecordingMessenger();
});

const ctx = () =>
  testContext({ store, messenger, appUrl: APP_URL, request: META });
const account = (
  user: { id: string; email?: string },
  over: { secondFactorAt?: number | null; now?: () => number } = {},
) =>
  accountContext(user, {
    store,
    messenger,
    appUrl: APP_URL,
    request: META,
    ...over,
  });

async function newUser() {
  const email = `p${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3361");
  const account = await createAccount({ email, passwordHash, phone });
  if (!account.ok) throw new Error(account.error);
  return { id: account.userId, email, phone };
}

async function addPasskey(
  user: { id: string; email: string },
  passkey: SoftwarePasskey,
  name = "Laptop",
) {
  const start = await startAddingPasskey(account(user));
  if (!start.ok) throw new Error(start.error);
  return finishAddingPasskey(account(user), {
    name,
    response: passkey.register(start.options, ORIGIN),
  });
}

async function passwordStep(email: string) {
  const outcome = await checkPasswordStep(ctx(), { email, password: PASSWORD });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.challengeId;
}

async function requestOptions(id: string) {
  const start = await startPasskeyStep(ctx(), id);
  if (!start.ok) throw new Error(start.error);
  return start.options;
}

describe("passkeys", () => {
  it("are added with user verification, for this site only, bound to the person adding them", async () => {
    const user = await newUser();
    const start = await startAddingPasskey(account(user));
    if (!start.ok) throw new Error(start.error);
    expect(start.options.rp.id).toBe("twostep.example");
    expect(start.options.authenticatorSelection?.userVerification).toBe(
      "required",
    );
    expect(start.options.user.id).not.toContain(user.id);
    const passkey = softwarePasskey();
    const response = passkey.register(start.options, ORIGIN);

    // Another origin, or another person's step, cannot save it.
    const other = await newUser();
    for (const [who, origin] of [
      [user, "https://evil.example"],
      [other, ORIGIN],
    ] as const) {
      const r =
        origin === ORIGIN ? response : passkey.register(start.options, origin);
      expect(
        await finishAddingPasskey(account(who), { name: "x", response: r }),
      ).toMatchObject({ ok: false, error: "PASSKEY_NOT_ADDED" });
    }

    expect(
      await finishAddingPasskey(account(user), { name: "Laptop", response }),
    ).toEqual({ ok: true });
    // The same credential cannot be added twice.
    expect(
      await finishAddingPasskey(account(user), { name: "Again", response }),
    ).toMatchObject({ ok: false, error: "PASSKEY_EXISTS" });
    const [saved] = await listPasskeys(user.id);
    expect(saved).toMatchObject({ name: "Laptop", lastUsedAt: null });
    expect(messenger.sms.at(-1)?.text).toContain(
      'a passkey named "Laptop" was added',
    );
    const db = await getDb();
    const rows = await db.authEvent.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => [r.type, r.detail])).toContainEqual([
      "factor_added",
      { factor: "passkey", name: "Laptop" },
    ]);
  });

  it("come first at sign-in, and a passkey's assertion completes the challenge once", async () => {
    const user = await newUser();
    const passkey = softwarePasskey();
    expect(await addPasskey(user, passkey)).toEqual({ ok: true });
    const id = await passwordStep(user.email);
    expect((await store.getChallenge(id))?.factors).toEqual([
      "passkey",
      "phone",
    ]);
    const options = await requestOptions(id);
    expect(options.userVerification).toBe("required");
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([
      passkey.credentialId,
    ]);
    const response = passkey.assert(options, ORIGIN);
    expect(await verifyPasskeyStep(ctx(), id, response)).toEqual({
      ok: true,
    });
    expect((await store.getChallenge(id))?.verifiedBy).toBe("passkey");
    expect((await listPasskeys(user.id))[0]?.lastUsedAt).not.toBeNull();
    expect(await verifyPasskeyStep(ctx(), id, response)).toMatchObject({
      ok: false,
    });
  });

  it("refuse an assertion for another sign-in, another site, without user verification, or with a counter that did not move", async () => {
    const user = await newUser();
    const passkey = softwarePasskey();
    await addPasskey(user, passkey);
    const id = await passwordStep(user.email);
    const options = await requestOptions(id);
    const elsewhere = await requestOptions(await passwordStep(user.email));

    const wrong = [
      passkey.assert(elsewhere, ORIGIN),
      passkey.assert(options, "https://evil.example"),
      passkey.assert(options, ORIGIN, { rpId: "evil.example" }),
      passkey.assert(options, ORIGIN, { userVerified: false }),
    ];
    for (const response of wrong)
      expect(await verifyPasskeyStep(ctx(), id, response)).toMatchObject({
        ok: false,
        error: "PASSKEY_FAILED",
      });
    // Each counted as a wrong code does, on the challenge shared with every factor.
    expect((await store.getChallenge(id))?.attempts).toBe(wrong.length);

    expect(
      await verifyPasskeyStep(ctx(), id, passkey.assert(options, ORIGIN)),
    ).toEqual({ ok: true });
    // On the next sign-in, an assertion whose counter does not move past the stored one (a
    // replay, or a cloned authenticator) is refused as used, counting nothing.
    const id2 = await passwordStep(user.email);
    const replay = passkey.assert(await requestOptions(id2), ORIGIN, {
      counter: passkey.counter,
    });
    expect(await verifyPasskeyStep(ctx(), id2, replay)).toMatchObject({
      ok: false,
      error: "PASSKEY_ALREADY_USED",
    });
    expect((await store.getChallenge(id2))?.attempts).toBe(0);
  });

  it.each([
    ["keeps a counter", true],
    ["keeps no counter", false],
  ])(
    "let 20 parallel uses of one assertion succeed exactly once (an authenticator that %s)",
    async (_, keepsCounter) => {
      const user = await newUser();
      const passkey = softwarePasskey({ keepsCounter });
      await addPasskey(user, passkey);
      const id = await passwordStep(user.email);
      const response = passkey.assert(await requestOptions(id), ORIGIN);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          verifyPasskeyStep(ctx(), id, response),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await store.getChallenge(id))?.status).toBe("verified");
    },
  );

  it("are removed only with a fresh second factor, with an audit row and a text", async () => {
    const user = await newUser();
    await addPasskey(user, softwarePasskey(), "Phone");
    const [row] = await listPasskeys(user.id);
    const now = Date.now();
    const stale = now - (FRESH_SECOND_FACTOR_SECONDS + 1) * 1000;
    for (const at of [null, stale])
      expect(
        await behindFreshSecondFactor(
          account(user, { secondFactorAt: at, now: clockAt(now) }),
          (c) => removePasskey(c, row!.factorId),
        ),
      ).toMatchObject({ ok: false, error: "REAUTH_REQUIRED" });
    // Another person's passkey is not theirs to remove.
    const other = await newUser();
    expect(
      await removePasskey(account(other, { now: clockAt(now) }), row!.factorId),
    ).toEqual({ ok: true });
    expect(await listPasskeys(user.id)).toHaveLength(1);

    expect(
      await removePasskey(account(user, { now: clockAt(now) }), row!.factorId),
    ).toEqual({ ok: true });
    expect(await listPasskeys(user.id)).toHaveLength(0);
    expect(messenger.sms.at(-1)?.text).toContain(
      'the passkey named "Phone" was removed',
    );
    const id = await passwordStep(user.email);
    expect((await store.getChallenge(id))?.factors).toEqual(["phone"]);
  });

  it("are never the last factor: without a verified phone, removal is refused", async () => {
    const user = await newUser();
    await addPasskey(user, softwarePasskey());
    const [row] = await listPasskeys(user.id);
    const db = await getDb();
    await db.phone.updateMany({
      where: { userId: user.id },
      data: { verifiedAt: null },
    });
    const now = Date.now();
    expect(
      await removePasskey(account(user, { now: clockAt(now) }), row!.factorId),
    ).toMatchObject({ ok: false, error: "LAST_FACTOR" });
  });
});
