import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, closeDb } from "@/lib/db";
import type { EmailLinkPurpose } from "@/lib/email-links";
import { emailChangedNoticeEmail } from "@/lib/mail/email-change-messages";
import { listOutbox } from "@/lib/messaging/outbox";
import { NOTICES, noticeWords, type Notice } from "@/lib/notices/catalogue";
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

// A lock-down link is spent by no change: the one an owner holds must outlive an intruder's changes.
const PURPOSES: EmailLinkPurpose[] = [
  "verify_email",
  "reset_password",
  "change_email",
  "lock_down",
  "recover_account",
];
const APP_URL = "https://twostep.example";
let passwordHash: string;

beforeAll(async () => {
  await resetTables();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => closeDb(await getDb()));

/**
 * What each change sets off, written out by hand: every test below reads the table, so a row
 * changed by mistake would still pass them; this one makes any change to a row a reviewed change.
 * [sessions ended, remembered devices forgotten, links spent, audit type, notice]
 */
const AGREED: Record<SecurityChange, readonly unknown[]> = {
  password_changed: [
    "others",
    true,
    ["reset_password", "change_email"],
    "password_changed",
    "passwordChanged",
    true,
  ],
  password_reset: [
    "all",
    true,
    ["reset_password", "change_email"],
    "password_reset",
    "passwordReset",
    true,
  ],
  phone_changed: [
    "others",
    true,
    ["change_email"],
    "phone_changed",
    "phoneChanged",
    true,
  ],
  email_changed: [
    "others",
    false,
    ["verify_email", "reset_password", "change_email"],
    "email_changed",
    "previous-email",
    true,
  ],
  email_change_requested: [
    "none",
    false,
    ["change_email"],
    "email_change_requested",
    "emailChangeRequested",
    false,
  ],
  email_change_cancelled: [
    "none",
    false,
    ["change_email"],
    "email_change_cancelled",
    null,
    false,
  ],
  authenticator_added: [
    "others",
    true,
    [],
    "factor_added",
    "authenticatorAdded",
    false,
  ],
  authenticator_removed: [
    "others",
    true,
    [],
    "factor_removed",
    "authenticatorRemoved",
    true,
  ],
  passkey_added: ["others", true, [], "factor_added", "passkeyAdded", false],
  passkey_removed: [
    "others",
    true,
    [],
    "factor_removed",
    "passkeyRemoved",
    true,
  ],
  recovery_codes_generated: [
    "others",
    true,
    [],
    "factor_added",
    "recoveryCodesMade",
    true,
  ],
  text_codes_turned_off: [
    "none",
    false,
    [],
    "factor_removed",
    "textCodesOff",
    true,
  ],
  text_codes_turned_on: [
    "none",
    false,
    [],
    "factor_added",
    "textCodesOn",
    false,
  ],
  recovery_code_used: [
    "none",
    false,
    [],
    "recovery_code_used",
    "recoveryCodeUsed",
    false,
  ],
  signed_out_everywhere_else: [
    "others",
    false,
    ["change_email"],
    "sign_out",
    null,
    true,
  ],
  signed_out_device: ["none", false, [], "sign_out", null, false],
  challenge_locked: ["none", false, [], "lockout", null, false],
  account_locked: ["none", false, [], "lockout", "accountLocked", false],
  account_disabled: ["none", false, [], "lockout", "accountDisabled", false],
  recovery_started: [
    "none",
    false,
    ["recover_account"],
    "recovery_started",
    "recoveryStarted",
    false,
  ],
  recovery_cancelled: [
    "none",
    false,
    ["recover_account"],
    "recovery_cancelled",
    "recoveryCancelled",
    false,
  ],
  recovery_completed: [
    "all",
    true,
    ["reset_password", "change_email", "recover_account"],
    "recovery_completed",
    "recoveryCompleted",
    true,
  ],
  password_attempts_paused: [
    "none",
    false,
    [],
    "lockout",
    "passwordAttemptsPaused",
    false,
  ],
  signup_refused: [
    "all",
    true,
    [
      "verify_email",
      "reset_password",
      "change_email",
      "lock_down",
      "recover_account",
    ],
    "account_removed",
    null,
    true,
  ],
  address_proven_elsewhere: [
    "all",
    true,
    [
      "verify_email",
      "reset_password",
      "change_email",
      "lock_down",
      "recover_account",
    ],
    "account_removed",
    null,
    true,
  ],
  unconfirmed_account_expired: [
    "all",
    true,
    [
      "verify_email",
      "reset_password",
      "change_email",
      "lock_down",
      "recover_account",
    ],
    "account_removed",
    null,
    true,
  ],
  support_unlocked: [
    "none",
    false,
    [],
    "account_unlocked",
    "supportUnlocked",
    false,
  ],
  support_ended_sessions: [
    "all",
    false,
    ["change_email"],
    "sign_out",
    "supportEndedSessions",
    true,
  ],
  support_removed_factor: [
    "all",
    true,
    [],
    "factor_removed",
    "supportRemovedFactor",
    true,
  ],
  support_switched_off: [
    "all",
    false,
    ["reset_password", "change_email"],
    "account_switched_off",
    "supportSwitchedOff",
    true,
  ],
  support_switched_on: [
    "none",
    false,
    [],
    "account_switched_on",
    "supportSwitchedOn",
    false,
  ],
  locked_down: [
    "all",
    true,
    ["reset_password", "change_email", "recover_account"],
    "locked_down",
    "lockedDown",
    true,
  ],
  deletion_requested: [
    "all",
    true,
    ["verify_email", "reset_password", "change_email", "recover_account"],
    "deletion_requested",
    "deletionRequested",
    true,
  ],
  deletion_cancelled: [
    "none",
    false,
    [],
    "deletion_cancelled",
    "deletionCancelled",
    false,
  ],
};

describe("the security-change table", () => {
  it("says, row by row, what was agreed for each change", () => {
    const rows = Object.fromEntries(
      Object.entries(SECURITY_CHANGES).map(([change, rule]) => [
        change,
        [
          rule.endSessions,
          rule.forgetRememberedDevices,
          [...rule.spendEmailLinks],
          rule.audit,
          rule.notice,
          rule.endOpenChallenges,
        ],
      ]),
    );
    expect(rows).toEqual(AGREED);
  });
});

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
  const here = await startSession(person.id);
  const ctx = { ...base, session: { ...base.session, id: here.id } } as As;
  const prepared = await CASES[change].prepare?.(ctx);
  const signIn = await passedSignIn(ctx);
  const other = await startSession(person.id);
  await rememberDevice(person.id, {});
  const links = await outstandingLinks(person.id, person.email);
  const since = new Date();
  return { person, ctx, prepared, signIn, here, other, links, since };
}

/** Sample words for a notice: a passkey's name and a pause, the date a deletion is due, or what support removed. */
const sampleArgs = (notice: string) =>
  notice === "deletionRequested"
    ? [new Date()]
    : notice === "supportRemovedFactor"
      ? ["passkey", "Laptop"]
      : ["Laptop", 60];

const noticeSubject = (rule: SecurityChangeRule) =>
  rule.notice && rule.notice !== "previous-email"
    ? noticeWords(
        (NOTICES[rule.notice] as (...a: unknown[]) => Notice)(
          ...sampleArgs(rule.notice),
        ),
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
        // A removed account's links go with it: none of them can be used either.
        const link = await db.emailLink.findUnique({
          where: { id: links[purpose]! },
        });
        expect([purpose, !link || link.usedAt !== null]).toEqual([
          purpose,
          rule.spendEmailLinks.includes(purpose),
        ]);
      }

      const audited = await db.authEvent.findMany({
        where: {
          // A removed account's row outlives it, naming it in its detail.
          OR: [
            { userId: person.id },
            { detail: { path: ["removedAccount"], equals: person.id } },
          ],
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
