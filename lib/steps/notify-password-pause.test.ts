import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { withoutLockDownLink } from "@/test/support/lock-down-link";

// Password guesses from many addresses together fill the account's cap and pause its password
// step for everyone (lib/limits/policy.ts): the owner is told once per pause, by email and text.

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
) {
  const ctx = testContext({
    store: getChallengeStore(),
    appUrl: "http://x.test",
    request: { ip: "203.0.113.9", userAgent: "vitest" },
    ...notices,
  });
  return checkPasswordStep(ctx, { email, password: PASSWORD });
}

describe("the paused password step", () => {
  it("tells the owner once per pause by email and text, and audits it", async () => {
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
      { to: p.phone, text: expect.stringContaining("sign-in is paused") },
    ]);
    const db = await getDb();
    const rows = await db.authEvent.findMany({
      where: { userId: p.id, type: "lockout" },
    });
    expect(rows.map((r) => (r.detail as { step?: string }).step)).toEqual([
      "password",
    ]);
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
