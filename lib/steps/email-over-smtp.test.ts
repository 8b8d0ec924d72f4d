import { randomInt } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkCode } from "@/lib/challenge/verify";
import { closeDb, getDb } from "@/lib/db";
import { createSmtpMailer } from "@/lib/mail/smtp";
import { getChallengeStore } from "@/lib/store";
import { resetTables } from "@/test/support/db";
import {
  codeFromSmsText,
  createRecordingMessenger,
} from "@/test/support/messenger";
import { startSmtpServer, type TestSmtpServer } from "@/test/support/smtp";
import { randomMobile } from "@/test/support/phones";
import { requestPasswordReset } from "./forgot-password";
import { finishPasswordReset, startPasswordReset } from "./reset-password";
import { confirmEmail, sendVerificationEmail } from "./verify-email";
import { createTestAccount } from "@/test/support/accounts";
import type { Later } from "@/lib/context";
import { accountContext, testContext } from "@/test/support/context";

// The email flows with SMTP as the mailer, against a real SMTP server in this process: links are
// read from the messages as that server received them.

const APP_URL = "https://app.example.com";
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await closeDb(await getDb());
});
beforeEach(() => resetTables());

const meta = () => ({ ip: `192.0.2.${randomInt(1, 250)}`, userAgent: null });
const run = async (_label: string, task: () => Promise<void>) => task();
const mail = (later: Later = run) =>
  testContext({
    mailer: createSmtpMailer({
      url: smtp.url,
      from: "Twostep <no-reply@app.example.com>",
    }),
    appUrl: APP_URL,
    later,
    request: meta(),
  });

async function newAccount(verified: boolean) {
  const phone = randomMobile("+3361");
  const email = `smtp.${phone.slice(1)}@example.com`;
  return createTestAccount({
    email,
    phone,
    passwordHash: "x",
    emailVerified: verified,
  });
}

function tokenReceivedBy(email: string, path: string): string {
  const received = smtp.received.filter((m) => m.to.includes(email)).at(-1);
  const match = received?.text.match(
    new RegExp(`${APP_URL}${path}#token=([\\w-]{43})\\n`),
  );
  if (!match) throw new Error(`no ${path} link received for ${email}`);
  return match[1]!;
}

describe("over SMTP", () => {
  it("a verification link arrives at the SMTP server and verifies the address", async () => {
    const ada = await newAccount(false);
    expect(await sendVerificationEmail(mail(), ada)).toEqual({ ok: true });
    const token = tokenReceivedBy(ada.email, "/verify-email");
    expect(smtp.received.at(-1)!.subject).toBe(
      "Confirm your email address for Twostep",
    );
    expect(
      await confirmEmail(accountContext(ada, { request: meta() }), token),
    ).toEqual({
      ok: true,
    });
  });

  it("a whole reset: the link arrives by SMTP, the code by text, and the notice by SMTP again", async () => {
    const ada = await newAccount(true);
    expect(await requestPasswordReset(mail(), ada.email)).toEqual({
      ok: true,
    });
    const token = tokenReceivedBy(ada.email, "/reset-password");
    const messenger = createRecordingMessenger();
    const store = getChallengeStore();
    const send = { store, messenger, appUrl: APP_URL, request: meta() };
    const started = await startPasswordReset(testContext(send), token);
    if (!started.ok) throw new Error(started.error);
    const code = codeFromSmsText(messenger.sms[0]!.text);
    expect((await checkCode(store, started.challengeId, code)).ok).toBe(true);
    const deps = { ...mail(), ...send };
    const finished = await finishPasswordReset(
      deps,
      started.challengeId,
      "a brand new passphrase 42",
    );
    expect(finished).toEqual({ ok: true });
    expect(smtp.received.at(-1)).toMatchObject({
      to: [ada.email],
      subject: "Your Twostep password was changed",
    });
    expect(messenger.sms.at(-1)!.text).toMatch(/password was just reset/);
  });

  it("the reset request stores and sends nothing before its reply, and answers the same when SMTP then fails", async () => {
    const ada = await newAccount(true);
    const held: (() => Promise<void>)[] = [];
    const hold: Later = async (_label, task) => {
      held.push(task);
    };
    const before = smtp.received.length;
    expect(await requestPasswordReset(mail(hold), ada.email)).toEqual({
      ok: true,
    });
    expect(await (await getDb()).emailLink.count()).toBe(0);
    expect(smtp.received.length).toBe(before);

    smtp.refuseRecipients(/^smtp\./);
    await expect(held[0]!()).rejects.toThrow(/550/);
    smtp.refuseRecipients(null);
    expect(smtp.received.length).toBe(before);
  });
});
