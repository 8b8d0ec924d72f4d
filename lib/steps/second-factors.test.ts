import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/account/records";
import { closeDb, getDb } from "@/lib/db";
import { hashPassword } from "@/lib/password/hash";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { FAILURE_POLICY } from "@/lib/challenge/verify";
import type { ChallengeStore, ChallengeFactor } from "@/lib/store";
import {
  accountContext,
  behindFreshSecondFactor,
  testContext,
} from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import {
  createRecordingMessenger,
  type RecordingMessenger,
} from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import { randomMobile } from "@/test/support/phones";
import { generateRecoveryCodeSet } from "./generate-recovery-codes";
import {
  removeAuthenticator,
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "./set-up-authenticator";
import { checkPasswordStep } from "./sign-in";
import { verifyFactorStep } from "./verify-factor";

// The authenticator app and recovery codes end to end below the HTTP edge: the steps over the
// Upstash store on the real Redis and the real Postgres, with a recording messenger.

const META = { ip: "198.51.100.9", userAgent: "vitest" };
const PASSWORD = "a long enough password";
const PERIOD_MS = 30_000;

let server: UpstashRestServer;
let store: ChallengeStore;
let messenger: RecordingMessenger;
let passwordHash: string;

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("factors"));
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

const APP_URL = "https://twostep.example";
const ctx = () =>
  testContext({ store, messenger, appUrl: APP_URL, request: META });
const account = (
  user: { id: string; email: string },
  over: { secondFactorAt?: number | null } = {},
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

/** The code the person's app shows `steps` periods from now. */
const appCode = (key: string, steps = 0) =>
  TOTP.generate({
    secret: Secret.fromBase32(key.replace(/\s/g, "")),
    timestamp: Date.now() + steps * PERIOD_MS,
  });

async function withAuthenticator() {
  const user = await newUser();
  const setup = await startAuthenticatorSetup(account(user));
  if (!setup.ok) throw new Error(setup.error);
  // The app's previous step (a phone whose clock runs a little behind), so the current one is left
  // for the sign-in that follows.
  const on = await turnOnAuthenticator(
    account(user),
    appCode(setup.setupKey, -1),
  );
  expect(on).toEqual({ ok: true });
  return { user, key: setup.setupKey };
}

async function passwordStep(email: string) {
  const outcome = await checkPasswordStep(ctx(), { email, password: PASSWORD });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

/** A challenge as the password step opens one, without its per-email limit (races open 20). */
async function openChallenge(userId: string, factors: ChallengeFactor[]) {
  const id = newChallengeId("login", `user:${userId}`);
  const opened = await store.startChallenge(
    {
      id,
      purpose: "login",
      userId,
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: "+33612345678",
      createdAt: Date.now(),
      factors,
    },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  expect(opened.ok).toBe(true);
  return id;
}

async function events(userId: string) {
  const db = await getDb();
  const rows = await db.authEvent.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ type: r.type, detail: r.detail }));
}

describe("the authenticator app", () => {
  it("is set up with a QR code and a key, and turned on only by a valid code from it", async () => {
    const user = await newUser();
    const setup = await startAuthenticatorSetup(account(user));
    if (!setup.ok) throw new Error(setup.error);
    expect(setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(
      Buffer.from(setup.qrCode.split(",")[1]!, "base64").toString(),
    ).toContain("<svg");
    const wrong = String((Number(appCode(setup.setupKey)) + 5) % 1e6).padStart(
      6,
      "0",
    );
    expect(await turnOnAuthenticator(account(user), wrong)).toMatchObject({
      ok: false,
      error: "WRONG_CODE",
    });
    const db = await getDb();
    expect(
      await db.factor.count({ where: { confirmedAt: { not: null } } }),
    ).toBe(0);
    expect(
      await turnOnAuthenticator(account(user), appCode(setup.setupKey)),
    ).toEqual({
      ok: true,
    });
    // The secret is stored sealed: the key the person saw appears nowhere in the row.
    const row = await db.totpSecret.findFirstOrThrow();
    expect(row.secretSealed).not.toContain(setup.setupKey.replace(/\s/g, ""));
    expect(await events(user.id)).toEqual([
      { type: "factor_added", detail: { factor: "totp" } },
    ]);
    expect(messenger.sms).toEqual([
      {
        to: user.phone,
        text: expect.stringContaining("authenticator app was turned on"),
      },
    ]);
    expect(await startAuthenticatorSetup(account(user))).toMatchObject({
      ok: false,
      error: "AUTHENTICATOR_EXISTS",
    });
  });

  it("comes first at sign-in: the password step texts nothing, and the app's code completes the step", async () => {
    const { user, key } = await withAuthenticator();
    messenger.sms.length = 0;
    const first = await passwordStep(user.email);
    expect(first).toMatchObject({ channel: null, delivery: "none" });
    expect(messenger.sms).toEqual([]);
    const challenge = await store.getChallenge(first.challengeId);
    expect(challenge).toMatchObject({ factors: ["totp", "phone"], sends: 0 });
    // The setup spent the previous step's code; the current one is accepted.
    const ok = await verifyFactorStep(
      ctx(),
      first.challengeId,
      "totp",
      appCode(key),
    );
    expect(ok).toEqual({ ok: true });
    expect(await store.redeemChallenge(first.challengeId)).toMatchObject({
      userId: user.id,
      verifiedBy: "totp",
    });
  });

  it("accepts a time step once per account: a replayed code is refused without counting", async () => {
    const { user, key } = await withAuthenticator();
    const code = appCode(key);
    const a = await passwordStep(user.email);
    expect(await verifyFactorStep(ctx(), a.challengeId, "totp", code)).toEqual({
      ok: true,
    });
    const b = await passwordStep(user.email);
    expect(await verifyFactorStep(ctx(), b.challengeId, "totp", code)).toEqual({
      ok: false,
      error: "CODE_ALREADY_USED",
    });
    // Spent codes of earlier steps are refused as well.
    expect(
      await verifyFactorStep(ctx(), b.challengeId, "totp", appCode(key, -1)),
    ).toMatchObject({
      error: "CODE_ALREADY_USED",
    });
    expect(await store.getChallenge(b.challengeId)).toMatchObject({
      attempts: 0,
    });
  });

  it("counts a wrong code on the challenge and the account, like a wrong texted code", async () => {
    const { user, key } = await withAuthenticator();
    const { challengeId } = await passwordStep(user.email);
    const wrong = String((Number(appCode(key)) + 500_000) % 1e6).padStart(
      6,
      "0",
    );
    expect(await verifyFactorStep(ctx(), challengeId, "totp", wrong)).toEqual({
      ok: false,
      error: "WRONG_CODE",
      attemptsLeft: 4,
      retryAfterSeconds: undefined,
    });
    expect((await events(user.id)).at(-1)).toEqual({
      type: "code_failed",
      detail: { factor: "totp", attemptsLeft: 4 },
    });
  });

  it("accepts one code exactly once when 20 sign-ins use it at the same moment", async () => {
    const { user, key } = await withAuthenticator();
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => openChallenge(user.id, ["totp"])),
    );
    const code = appCode(key);
    const results = await Promise.all(
      ids.map((id) => verifyFactorStep(ctx(), id, "totp", code)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok && r.error === "CODE_ALREADY_USED"),
    ).toHaveLength(19);
  });

  it("is not offered to a challenge that does not accept it", async () => {
    const user = await newUser();
    const { challengeId } = await passwordStep(user.email);
    expect(
      await verifyFactorStep(ctx(), challengeId, "totp", "123456"),
    ).toEqual({
      ok: false,
      error: "FACTOR_NOT_AVAILABLE",
    });
  });
});

describe("removing the authenticator app", () => {
  const MINUTE = 60_000;

  it("needs a second factor passed within the last 10 minutes", async () => {
    const { user } = await withAuthenticator();
    for (const at of [null, Date.now() - 11 * MINUTE])
      expect(
        await behindFreshSecondFactor(
          account(user, { secondFactorAt: at }),
          removeAuthenticator,
        ),
      ).toEqual({
        ok: false,
        error: "REAUTH_REQUIRED",
      });
    const db = await getDb();
    expect(await db.factor.count({ where: { kind: "totp" } })).toBe(1);
  });

  it("removes it when fresh, audited and texted; sign-in then texts a code again", async () => {
    const { user } = await withAuthenticator();
    messenger.sms.length = 0;
    const recent = Date.now() - 9 * MINUTE;
    expect(
      await behindFreshSecondFactor(
        account(user, { secondFactorAt: recent }),
        removeAuthenticator,
      ),
    ).toEqual({
      ok: true,
    });
    expect((await events(user.id)).at(-1)).toEqual({
      type: "factor_removed",
      detail: { factor: "totp" },
    });
    expect(messenger.sms[0]!.text).toContain("authenticator app was removed");
    const next = await passwordStep(user.email);
    expect(next.channel).toBe("sms");
  });

  it("never removes the last second factor", async () => {
    const { user } = await withAuthenticator();
    const db = await getDb();
    await db.phone.deleteMany({ where: { userId: user.id } });
    expect(await removeAuthenticator(account(user))).toEqual({
      ok: false,
      error: "LAST_FACTOR",
    });
    expect(await db.factor.count({ where: { kind: "totp" } })).toBe(1);
  });
});

describe("recovery codes", () => {
  async function withCodes() {
    const user = await newUser();
    const set = await generateRecoveryCodeSet(account(user));
    if (!set.ok) throw new Error(set.error);
    return { user, codes: set.codes };
  }

  it("are stored only as hashes, announced by text, and a new set makes the old one useless", async () => {
    const { user, codes } = await withCodes();
    const db = await getDb();
    const stored = await db.recoveryCode.findMany();
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const code of codes)
      expect(dump).not.toContain(code.replace(/-/g, ""));
    expect(messenger.sms.at(-1)!.text).toContain("new recovery codes");
    const again = await generateRecoveryCodeSet(account(user));
    expect(again.ok).toBe(true);
    expect(await db.recoveryCode.count()).toBe(10);
    const { challengeId } = await passwordStep(user.email);
    expect(await store.getChallenge(challengeId)).toMatchObject({
      factors: ["phone", "recovery"],
    });
    expect(
      await verifyFactorStep(ctx(), challengeId, "recovery", codes[0]!),
    ).toMatchObject({ ok: false, error: "WRONG_CODE", attemptsLeft: 4 });
    expect((await events(user.id)).map((e) => e.detail)).toContainEqual({
      factor: "recovery_codes",
      replaced: true,
    });
  });

  it("sign a person in once each, telling them by text and in the audit how many are left", async () => {
    const { user, codes } = await withCodes();
    const { challengeId } = await passwordStep(user.email);
    messenger.sms.length = 0;
    const used = codes[3]!.toLowerCase().replace(/-/g, " ");
    expect(
      await verifyFactorStep(ctx(), challengeId, "recovery", used),
    ).toEqual({
      ok: true,
      recoveryCodesLeft: 9,
    });
    expect(await store.redeemChallenge(challengeId)).toMatchObject({
      verifiedBy: "recovery",
    });
    expect(messenger.sms).toEqual([
      {
        to: user.phone,
        text: expect.stringContaining("recovery code was used"),
      },
    ]);
    expect(messenger.sms[0]!.text).not.toContain(codes[3]!.slice(0, 4));
    expect((await events(user.id)).at(-1)).toEqual({
      type: "recovery_code_used",
      detail: { left: 9 },
    });
    const next = await passwordStep(user.email);
    expect(
      await verifyFactorStep(ctx(), next.challengeId, "recovery", codes[3]!),
    ).toEqual({
      ok: false,
      error: "RECOVERY_CODE_USED",
    });
  });

  it("accept one code exactly once when 20 sign-ins use it at the same moment", async () => {
    const { user, codes } = await withCodes();
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => openChallenge(user.id, ["recovery"])),
    );
    const results = await Promise.all(
      ids.map((id) => verifyFactorStep(ctx(), id, "recovery", codes[0]!)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const db = await getDb();
    expect(
      await db.recoveryCode.count({ where: { usedAt: { not: null } } }),
    ).toBe(1);
  });

  it("refuse a malformed code without counting it", async () => {
    const { user } = await withCodes();
    const { challengeId } = await passwordStep(user.email);
    expect(
      await verifyFactorStep(ctx(), challengeId, "recovery", "1234"),
    ).toEqual({
      ok: false,
      error: "INVALID_RECOVERY_CODE",
    });
    expect(await store.getChallenge(challengeId)).toMatchObject({
      attempts: 0,
    });
  });
});

describe("an account switched off by wrong codes", () => {
  it("lets its person back in with a recovery code, which switches it back on; codes stay refused until then", async () => {
    const user = await newUser();
    const set = await generateRecoveryCodeSet(account(user));
    if (!set.ok) throw new Error(set.error);
    // 100 wrong codes in a row, five per challenge, as a guesser past the password would, each
    // after the pause the one before it brought (the store takes the caller's clock).
    let now = Date.now();
    for (let i = 0; i < 20; i++) {
      now += 2 * 3_600_000;
      const id = newChallengeId("login", `user:${user.id}`);
      const c = { id, purpose: "login" as const, userId: user.id };
      const opened = await store.startChallenge(
        {
          ...c,
          pendingEmail: null,
          pendingPasswordHash: null,
          phone: user.phone,
          createdAt: now,
        },
        CHALLENGE_TTL_SECONDS,
        null,
      );
      expect(opened.ok).toBe(true);
      for (let j = 0; j < 5; j++) {
        now += 2 * 3_600_000;
        await store.recordFactorResult(id, null, now, FAILURE_POLICY);
      }
    }
    const step = await checkPasswordStep(ctx(), {
      email: user.email,
      password: PASSWORD,
    });
    // No code goes out; the step opens for the recovery code only.
    expect(step).toMatchObject({ ok: true, channel: null });
    expect(messenger.sms).toHaveLength(1); // the text about the new recovery codes
    if (!step.ok) throw new Error(step.error);
    expect(
      await verifyFactorStep(ctx(), step.challengeId, "totp", "123456"),
    ).toMatchObject({ ok: false });
    expect(
      await verifyFactorStep(
        ctx(),
        step.challengeId,
        "recovery",
        set.codes[0]!,
      ),
    ).toMatchObject({ ok: true });
    const again = await checkPasswordStep(ctx(), {
      email: user.email,
      password: PASSWORD,
    });
    expect(again).toMatchObject({ ok: true, channel: "sms" });
  });
});
