import { randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuthEventType } from "@/lib/audit";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { closeDb, getDb } from "@/lib/db";
import { listPasskeys, savePasskey } from "@/lib/factors/passkey-records";
import { findActiveTotp } from "@/lib/factors/records";
import { MailError, type Mailer } from "@/lib/mail";
import { listOutbox } from "@/lib/messaging/outbox";
import { hashPassword, verifyPassword } from "@/lib/password/hash";
import { changePassword } from "@/lib/steps/change-password";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import {
  startAddingPasskey,
  finishAddingPasskey,
  removePasskey,
} from "@/lib/steps/manage-passkeys";
import {
  removeAuthenticator,
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import { verifyFactorStep } from "@/lib/steps/verify-factor";
import type { ChallengeStore, ChallengeFactor } from "@/lib/store";
import { resetTables } from "@/test/support/db";
import {
  createRecordingMessenger,
  type RecordingMessenger,
} from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import { softwarePasskey } from "@/test/support/software-authenticator";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import { randomMobile } from "@/test/support/phones";
import type { StepContext } from "@/lib/context";
import { accountContext, testContext } from "@/test/support/context";
import { createTestAccount } from "@/test/support/accounts";

// Each security notice through the step that makes its change, on the real Postgres and Redis:
// emailed to a verified address only, texted where it is texted, never carrying a link or a code,
// audited, and a mailer that fails leaves the change made.

const META = { ip: "198.51.100.9", userAgent: "vitest" };
const PASSWORD = "a long enough password";
const APP_URL = "https://twostep.example";

let server: UpstashRestServer;
let store: ChallengeStore;
let passwordHash: string;

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("notices"));
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await server.close();
  await closeDb(await getDb());
});
beforeEach(() => resetTables());

/** A mailer whose server refuses every message, as SMTP does when it is down. */
const failingMailer: Mailer = {
  kind: "smtp",
  async sendEmail() {
    throw new MailError("SMTP send failed: ECONNREFUSED");
  },
};

interface Person {
  id: string;
  email: string;
  phone: string;
}

async function person(verified: boolean): Promise<Person> {
  const email = `n${randomInt(1e9)}@example.com`;
  const phone = randomMobile("+3362");
  return createTestAccount({
    email,
    phone,
    passwordHash,
    emailVerified: verified,
  });
}

/** Setting things up tells nobody: no mailer, and a messenger nobody reads. */
/** The ports that tell a person: a test names its own. */
type NoticePorts = Partial<Pick<StepContext, "messenger" | "mailer" | "later">>;

const quiet = (): NoticePorts => ({
  messenger: createRecordingMessenger(),
  mailer: null,
});

const appCode = (key: string) =>
  TOTP.generate({ secret: Secret.fromBase32(key.replace(/\s/g, "")) });

async function withAuthenticator(p: Person, notices = quiet()) {
  const setup = await startAuthenticatorSetup(as(p, quiet()));
  if (!setup.ok) throw new Error(setup.error);
  return turnOnAuthenticator(as(p, notices), appCode(setup.setupKey));
}

async function openChallenge(userId: string, factors: ChallengeFactor[]) {
  const id = newChallengeId("login", `user:${userId}`);
  const pending = { pendingEmail: null, pendingPasswordHash: null };
  const challenge = { id, purpose: "login" as const, userId, ...pending };
  const opened = await store.startChallenge(
    { ...challenge, phone: "+33612345678", createdAt: Date.now(), factors },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  if (!opened.ok) throw new Error(opened.reason);
  return id;
}

const stepContext = (notices: NoticePorts) =>
  testContext({ store, appUrl: APP_URL, request: META, ...notices });

/** The person's context behind their route's guards, telling through `notices`. */
const as = (p: Person, notices: NoticePorts) =>
  accountContext(p, { store, appUrl: APP_URL, request: META, ...notices });

interface Change {
  audit: AuthEventType;
  subject: string;
  /** Text that the message sent to the phone contains; none when it is emailed only. */
  text?: string;
  make(p: Person, notices: NoticePorts): Promise<unknown>;
  /** Throws unless the change is in place. */
  stuck(p: Person): Promise<void>;
}

const CHANGES: Record<string, Change> = {
  "password changed": {
    audit: "password_changed",
    subject: "The password of your Twostep account was changed",
    text: "password of your account was changed",
    make: (p, n) =>
      changePassword(as(p, n), {
        currentPassword: PASSWORD,
        newPassword: "a brand new passphrase 7q",
      }),
    async stuck(p) {
      const db = await getDb();
      const { passwordHash: hash } = await db.user.findUniqueOrThrow({
        where: { id: p.id },
      });
      expect(await verifyPassword(hash, "a brand new passphrase 7q")).toBe(
        true,
      );
    },
  },
  "authenticator added": {
    audit: "factor_added",
    subject: "An authenticator app was added to your Twostep account",
    text: "authenticator app was turned on",
    make: (p, n) => withAuthenticator(p, n),
    async stuck(p) {
      expect(await findActiveTotp(p.id)).toBeTruthy();
    },
  },
  "authenticator removed": {
    audit: "factor_removed",
    subject: "The authenticator app was removed from your Twostep account",
    text: "authenticator app was removed",
    async make(p, n) {
      await withAuthenticator(p);
      return removeAuthenticator(as(p, n));
    },
    async stuck(p) {
      expect(await findActiveTotp(p.id)).toBeNull();
    },
  },
  "passkey added": {
    audit: "factor_added",
    subject: "A passkey was added to your Twostep account",
    text: 'passkey named "Laptop" was added',
    async make(p, n) {
      const start = await startAddingPasskey(as(p, quiet()));
      if (!start.ok) throw new Error(start.error);
      const response = softwarePasskey().register(start.options, APP_URL);
      return finishAddingPasskey(as(p, n), { name: "Laptop", response });
    },
    async stuck(p) {
      expect((await listPasskeys(p.id)).map((k) => k.name)).toEqual(["Laptop"]);
    },
  },
  "passkey removed": {
    audit: "factor_removed",
    subject: "A passkey was removed from your Twostep account",
    text: 'passkey named "Laptop" was removed',
    async make(p, n) {
      const credentialId = randomBytes(16).toString("base64url");
      const key = { credentialId, publicKey: new Uint8Array([1]) };
      await savePasskey(p.id, "Laptop", { ...key, counter: 0, transports: [] });
      const [row] = await listPasskeys(p.id);
      return removePasskey(as(p, n), row!.factorId);
    },
    async stuck(p) {
      expect(await listPasskeys(p.id)).toEqual([]);
    },
  },
  "recovery codes made": {
    audit: "factor_added",
    subject: "New recovery codes were made for your Twostep account",
    text: "new recovery codes were made",
    make: (p, n) => generateRecoveryCodeSet(as(p, n)),
    async stuck(p) {
      const db = await getDb();
      const codes = { factor: { userId: p.id } };
      expect(await db.recoveryCode.count({ where: codes })).toBe(10);
    },
  },
  "recovery code used": {
    audit: "recovery_code_used",
    subject: "A recovery code was used to sign in to your Twostep account",
    text: "a recovery code was used to sign in to your account (9 left)",
    async make(p, n) {
      const set = await generateRecoveryCodeSet(as(p, quiet()));
      if (!set.ok) throw new Error(set.error);
      const id = await openChallenge(p.id, ["phone", "recovery"]);
      const used = await verifyFactorStep(
        stepContext(n),
        id,
        "recovery",
        set.codes[0]!,
      );
      expect(used).toEqual({ ok: true, recoveryCodesLeft: 9 });
      return used;
    },
    async stuck(p) {
      const db = await getDb();
      const spent = { factor: { userId: p.id }, usedAt: { not: null } };
      expect(await db.recoveryCode.count({ where: spent })).toBe(1);
    },
  },
  lockout: {
    audit: "lockout",
    subject: "Someone who knows your Twostep password is trying to sign in",
    text: "If this was not you, change your password now.",
    async make(p, n) {
      // Ten wrong authenticator codes over two sign-ins: the tenth pauses the client typing them.
      let last;
      for (let login = 0; login < 2; login++) {
        const id = await openChallenge(p.id, ["phone", "totp"]);
        for (let i = 0; i < 5; i++)
          last = await verifyFactorStep(stepContext(n), id, "totp", "000000");
      }
      expect(last).toMatchObject({ ok: false, error: "ACCOUNT_LOCKED" });
      return last;
    },
    async stuck(p) {
      const id = await openChallenge(p.id, ["phone", "totp"]);
      expect(
        await verifyFactorStep(stepContext(quiet()), id, "totp", "000000"),
      ).toMatchObject({ ok: false, error: "ACCOUNT_LOCKED" });
    },
  },
};

const emailsTo = (p: Person, subject: string) =>
  listOutbox(p.email).filter((e) => e.subject === subject);

/** The one link an email carries: "This wasn't me", to the app's own lock-down page, which grants nothing. */
const LOCK_DOWN_LINK = new RegExp(
  `^${APP_URL.replace(/\./g, "\\.")}/lock-down#token=[\\w-]{43}$`,
  "m",
);

/** An email's lock-down link, and the email without it. */
function lockDownLinkOf(text: string) {
  const link = text.match(LOCK_DOWN_LINK)?.[0];
  return { link, rest: link ? text.replace(link, "") : text };
}

/**
 * Nothing a reader could use to get in: no link, no web address, no code, but for an email's one
 * lock-down link (see "the lock-down link" below: it signs no one in).
 */
function expectNoWayIn(text: string | undefined, by: "email" | "text") {
  expect(text).toBeTruthy();
  const { link, rest } = lockDownLinkOf(text!);
  expect(link === undefined).toBe(by === "text");
  text = rest;
  expect(text).not.toMatch(/https?:|www\.|\.example|token/i);
  expect(text).not.toMatch(/\b\d{6}\b/);
  expect(text).not.toMatch(/\b[a-z0-9]{5}-[a-z0-9]{5}\b/i);
}

async function audited(p: Person, type: AuthEventType) {
  const db = await getDb();
  return db.authEvent.count({ where: { userId: p.id, type } });
}

describe.each(Object.entries(CHANGES))("the %s notice", (_, change) => {
  it("is emailed to a verified address and texted to the phone, with no link or code, and audited", async () => {
    const p = await person(true);
    const messenger = createRecordingMessenger();
    await change.make(p, { messenger });
    await change.stuck(p);
    const emails = emailsTo(p, change.subject);
    expect(emails).toHaveLength(1);
    expectNoWayIn(emails[0]!.text, "email");
    expect(emails[0]!.text).toContain("If this was not you");
    const texts = notices(messenger, p);
    if (change.text) {
      expect(texts).toEqual([expect.stringContaining(change.text)]);
      expectNoWayIn(texts[0], "text");
    } else expect(texts).toEqual([]);
    expect(await audited(p, change.audit)).toBeGreaterThanOrEqual(1);
  });

  it("is not emailed to an address that was never verified", async () => {
    const p = await person(false);
    const messenger = createRecordingMessenger();
    await change.make(p, { messenger });
    await change.stuck(p);
    expect(listOutbox(p.email)).toEqual([]);
    expect(notices(messenger, p)).toHaveLength(change.text ? 1 : 0);
  });

  it("leaves the change made and audited when the mailer fails, and still texts", async () => {
    const p = await person(true);
    const messenger = createRecordingMessenger();
    await change.make(p, { messenger, mailer: failingMailer });
    await change.stuck(p);
    expect(await audited(p, change.audit)).toBeGreaterThanOrEqual(1);
    expect(notices(messenger, p)).toHaveLength(change.text ? 1 : 0);
  });
});

/** The texts a step sent to the person's phone. */
function notices(messenger: RecordingMessenger, p: Person): string[] {
  return messenger.sms.filter((s) => s.to === p.phone).map((s) => s.text);
}
