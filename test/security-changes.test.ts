import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, closeDb } from "@/lib/db";
import type { EmailLinkPurpose } from "@/lib/email-links";
import { emailChangedNoticeEmail } from "@/lib/mail/email-change-messages";
import { listOutbox } from "@/lib/messaging/outbox";
import { NOTICES } from "@/lib/notices/catalogue";
import { hashPassword } from "@/lib/password/hash";
import { rememberDevice } from "@/lib/devices/records";
import {
  SECURITY_CHANGES,
  type SecurityChange,
  type SecurityChangeRule,
} from "@/lib/security-changes/table";
import { getSessionStore, startSession } from "@/lib/sessions";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { createRecordingMessenger } from "@/test/support/messenger";
import { randomMobile } from "@/test/support/phones";
import {
  CASES,
  PASSWORD,
  passedSignIn,
  type As,
} from "@/test/support/security-change-cases";

// The security-change table (lib/security-changes/table.ts) read row by row: each change is made
// through its real use case on the real database and session store, and every consequence its row
// lists is seen to happen, and every one it does not list is seen not to.

const PURPOSES: EmailLinkPurpose[] = [
  "verify_email",
  "reset_password",
  "change_email",
];
const APP_URL = "https://twostep.example";
let passwordHash: string;

beforeAll(async () => {
  await resetTables();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => closeDb(await getDb()));

/** An outstanding link of each purpose, written as saveEmailLink would but side by side. */
async function outstandingLinks(userId: string, email: string) {
  const db = await getDb();
  const expiresAt = new Date(Date.now() + 3_600_000);
  const ids: Record<string, string> = {};
  for (const purpose of PURPOSES) {
    const tokenHash = randomBytes(32).toString("base64url");
    const link = await db.emailLink.create({
      data: { userId, email, purpose, tokenHash, expiresAt },
    });
    ids[purpose] = link.id;
  }
  return ids;
}

/** The account, the state its change needs, then what is observed: a sign-in in progress, two
 * sessions, a device, links. */
async function setUp(change: SecurityChange) {
  const person = await createTestAccount({
    email: `sc-${randomUUID()}@example.com`,
    phone: randomMobile("+3366"),
    passwordHash,
    emailVerified: true,
  });
  const messenger = createRecordingMessenger();
  const base = accountContext(person, {
    messenger,
    appUrl: APP_URL,
    request: { ip: "198.51.100.20", userAgent: "vitest" },
  });
  const prepared = await CASES[change].prepare?.(base as As);
  const signIn = await passedSignIn(base as As);
  const here = await startSession(person.id);
  const other = await startSession(person.id);
  await rememberDevice(person.id, {});
  const links = await outstandingLinks(person.id, person.email);
  const ctx = { ...base, session: { ...base.session, id: here.id } } as As;
  const since = new Date();
  return { person, ctx, prepared, signIn, here, other, links, since };
}

const noticeSubject = (rule: SecurityChangeRule) =>
  rule.notice && rule.notice !== "previous-email"
    ? (NOTICES[rule.notice] as (...a: unknown[]) => { subject: string })(
        "Laptop",
        60,
      ).subject
    : null;

describe("the security-change table", () => {
  const rows = Object.entries(SECURITY_CHANGES) as [
    SecurityChange,
    SecurityChangeRule,
  ][];

  it("has a real use case for every row", () => {
    expect(Object.keys(CASES).sort()).toEqual(rows.map(([c]) => c).sort());
  });

  it.each(rows)(
    "%s: what its row lists follows, and nothing else",
    async (change, rule) => {
      const { person, ctx, prepared, signIn, here, other, links, since } =
        await setUp(change);
      const sent = listOutbox(person.email).length;
      await CASES[change].make(ctx, prepared);

      const live = (
        await getSessionStore().listSessions(person.id, Date.now())
      ).map((s) => s.id);
      expect(live.includes(here.id)).toBe(rule.endSessions !== "all");
      expect(live.includes(other.id)).toBe(rule.endSessions === "none");

      // A sign-in whose second factor passed before the change: redeemed after it only if the
      // row leaves challenges in progress alone.
      const redeemed = await ctx.store.redeemChallenge(signIn);
      expect(redeemed === null).toBe(rule.endOpenChallenges);

      const db = await getDb();
      const devices = await db.rememberedDevice.count({
        where: { userId: person.id },
      });
      expect(devices).toBe(rule.forgetRememberedDevices ? 0 : 1);

      for (const purpose of PURPOSES) {
        const link = await db.emailLink.findUniqueOrThrow({
          where: { id: links[purpose]! },
        });
        expect([purpose, link.usedAt !== null]).toEqual([
          purpose,
          rule.spendEmailLinks.includes(purpose),
        ]);
      }

      const audited = await db.authEvent.findMany({
        where: {
          userId: person.id,
          type: rule.audit,
          createdAt: { gte: since },
        },
      });
      expect(audited.length).toBeGreaterThan(0);

      const subject = noticeSubject(rule);
      const emails = listOutbox(person.email).slice(
        0,
        listOutbox(person.email).length - sent,
      );
      if (subject) expect(emails.map((e) => e.subject)).toContain(subject);
      if (rule.notice === null) expect(emails).toEqual([]);
      if (rule.notice === "previous-email")
        expect(emails.map((e) => e.subject)).toContain(
          emailChangedNoticeEmail(APP_URL, "new@example.com").subject,
        );
    },
  );
});
