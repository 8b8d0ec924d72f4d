import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { MailError } from "@/lib/mail";
import { checkLoginLimits } from "@/lib/limits/decide";
import { LOGINS_PER_ACCOUNT_PER_15_MIN } from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { hashPassword } from "@/lib/password/hash";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { getChallengeStore } from "@/lib/store";
import { resetTables } from "@/test/support/db";
import { createRecordingMessenger } from "@/test/support/messenger";
import { randomMobile } from "@/test/support/phones";
import type { StepContext } from "@/lib/context";
import { testContext } from "@/test/support/context";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import { rememberDevice } from "@/lib/devices/records";
import { changePassword } from "./change-password";
import { withoutLockDownLink } from "@/test/support/lock-down-link";

// Password guesses from many addresses together fill the account's cap and pause its password
// step for every browser the account has not remembered (lib/limits/policy.ts): the owner is told by
// email and text at most once a day, however often strangers pause it; a remembered browser keeps
// its own way in, and a signed-in owner can still change the password.

const PASSWORD = "a long enough password";
const SUBJECT = "Sign-in to your Twostep account was paused";

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

async function person() {
  const email = `guessed-${randomUUID()}@example.com`;
  const phone = randomMobile("+3365");
  return createTestAccount({
    email,
    phone,
    passwordHash: await hashPassword(PASSWORD),
    emailVerified: true,
  });
}

/** A hundred guesses for `email`, ten from each of ten addresses: the cap over all of them. */
async function fillFromEverywhere(email: string) {
  const prefix = `198.51.${randomInt(256)}`;
  for (let a = 0; a < 10; a++)
    for (let i = 0; i < LOGINS_PER_ACCOUNT_PER_15_MIN; i++)
      expect(await checkLoginLimits(email, `${prefix}.${a}`)).toBeNull();
}

async function attempt(
  email: string,
  notices: Partial<Pick<StepContext, "messenger" | "mailer" | "later">>,
  deviceToken?: string,
) {
  const ctx = testContext({
    store: getChallengeStore(),
    appUrl: "http://x.test",
    request: { ip: "203.0.113.9", userAgent: "vitest" },
    ...notices,
  });
  return checkPasswordStep(ctx, { email, password: PASSWORD, deviceToken });
}

describe("the paused password step", () => {
  it("tells the owner by email and text, and audits it once per pause", async () => {
    const p = await person();
    await fillFromEverywhere(p.email);
    const messenger = createRecordingMessenger();
    for (let i = 0; i < 3; i++)
      expect(await attempt(p.email, { messenger })).toMatchObject({
        ok: false,
        error: "LOGIN_LIMITED",
      });
    const emails = listOutbox(p.email).filter((e) => e.subject === SUBJECT);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain("paused for");
    expect(withoutLockDownLink(emails[0]!.text)).not.toMatch(
      /https?:|\b\d{6}\b/,
    );
    expect(messenger.sms).toEqual([
      { to: p.phone, text: expect.stringContaining("is paused for") },
    ]);
    const db = await getDb();
    const rows = await db.authEvent.findMany({
      where: { userId: p.id, type: "lockout" },
    });
    expect(rows.map((r) => (r.detail as { step?: string }).step)).toEqual([
      "password",
    ]);
  });

  it("tells the owner at most once a day, however many windows strangers pause", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const day = 86_400_000;
      vi.setSystemTime(Math.ceil(Date.now() / day) * day + 60_000);
      const p = await person();
      const messenger = createRecordingMessenger();
      // Pauses in eight windows of 15 minutes, two hours of them.
      for (let window = 0; window < 8; window++) {
        await fillFromEverywhere(p.email);
        expect(await attempt(p.email, { messenger })).toMatchObject({
          error: "LOGIN_LIMITED",
        });
        vi.setSystemTime(Date.now() + 15 * 60_000);
      }
      const told = () =>
        listOutbox(p.email).filter((e) => e.subject === SUBJECT);
      expect(told()).toHaveLength(1);
      expect(messenger.sms).toHaveLength(1);
      // Each pause is still in the audit trail.
      const db = await getDb();
      const rows = await db.authEvent.count({
        where: { userId: p.id, type: "lockout" },
      });
      expect(rows).toBe(8);
      // The next UTC day's pause is told again.
      vi.setSystemTime(Math.ceil(Date.now() / day) * day + 60_000);
      await fillFromEverywhere(p.email);
      await attempt(p.email, { messenger });
      expect(told()).toHaveLength(2);
      expect(messenger.sms).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets the owner's remembered browser past the cap, never a browser it has not remembered", async () => {
    const p = await person();
    const { token } = await rememberDevice(p.id, { ip: "203.0.113.9" });
    await fillFromEverywhere(p.email);
    const messenger = createRecordingMessenger();
    expect(await attempt(p.email, { messenger })).toMatchObject({
      error: "LOGIN_LIMITED",
    });
    expect(
      await attempt(p.email, { messenger }, "not-a-device-token-of-theirs"),
    ).toMatchObject({ error: "LOGIN_LIMITED" });
    expect(await attempt(p.email, { messenger }, token)).toMatchObject({
      ok: true,
      deviceRemembered: true,
    });
  });

  it("lets a signed-in owner change the password while strangers keep the password step paused", async () => {
    const p = await person();
    await fillFromEverywhere(p.email);
    const ctx = accountContext(p, {
      store: getChallengeStore(),
      request: { ip: "203.0.113.9", userAgent: "vitest" },
    });
    expect(
      await changePassword(ctx, {
        currentPassword: PASSWORD,
        newPassword: "a fresh unguessed passphrase 41",
      }),
    ).toEqual({ ok: true });
  });

  it("sends nothing for an address without an account, and a failing mailer still lets the text go", async () => {
    const stranger = `nobody-${randomUUID()}@example.com`;
    await fillFromEverywhere(stranger);
    const messenger = createRecordingMessenger();
    await attempt(stranger, { messenger });
    expect(listOutbox(stranger)).toEqual([]);
    expect(messenger.sms).toEqual([]);

    const p = await person();
    await fillFromEverywhere(p.email);
    const failing = {
      kind: "smtp" as const,
      sendEmail: async () => {
        throw new MailError("SMTP send failed: ECONNREFUSED");
      },
    };
    const refused = await attempt(p.email, { messenger, mailer: failing });
    expect(refused).toMatchObject({ ok: false, error: "LOGIN_LIMITED" });
    expect(messenger.sms).toHaveLength(1);
  });
});
