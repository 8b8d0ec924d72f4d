import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SMTP_PASSWORD,
  SMTP_USER,
  startSmtpServer,
  type TestSmtpServer,
} from "@/test/support/smtp";
import { createSmtpMailer } from "./smtp";
import { MailError } from "./types";

// Against a real SMTP server in this process: the protocol, authentication and encoding all happen.

let server: TestSmtpServer;
beforeAll(async () => {
  server = await startSmtpServer();
});
afterAll(() => server.close());

const FROM = "Twostep <no-reply@example.com>";

describe("the SMTP mailer", () => {
  it("delivers a plain-text email from MAIL_FROM to the address, after logging in with the URL's credentials", async () => {
    const mailer = createSmtpMailer({ url: server.url, from: FROM });
    await mailer.sendEmail({
      to: "ada@example.com",
      subject: "Hello from Twostep",
      text: "Line one.\n\nLine two.",
    });
    const email = server.received.at(-1)!;
    expect(email).toMatchObject({
      from: "no-reply@example.com",
      to: ["ada@example.com"],
      subject: "Hello from Twostep",
    });
    expect(email.raw).toMatch(/^From: Twostep <no-reply@example\.com>$/m);
    expect(email.raw).toMatch(/^Content-Type: text\/plain/m);
    expect(email.text.trimEnd()).toBe("Line one.\n\nLine two.");
  });

  it("carries a long link through the transfer encoding unchanged", async () => {
    const link = `https://example.com/reset-password#token=${"Ab9_-".repeat(40)}`;
    const mailer = createSmtpMailer({ url: server.url, from: FROM });
    await mailer.sendEmail({
      to: "grace@example.com",
      subject: "A link",
      text: `Open this link:\n${link}\n`,
    });
    expect(server.received.at(-1)!.text).toContain(`\n${link}\n`);
  });

  it("rejects with a MailError when the server refuses the recipient", async () => {
    server.refuseRecipients(/^nobody@/);
    const mailer = createSmtpMailer({ url: server.url, from: FROM });
    const sent = mailer.sendEmail({
      to: "nobody@example.com",
      subject: "x",
      text: "x",
    });
    await expect(sent).rejects.toBeInstanceOf(MailError);
    await expect(sent).rejects.toThrow(/550/);
    server.refuseRecipients(null);
  });

  it("rejects with a MailError when the credentials are wrong, and sends nothing", async () => {
    const before = server.received.length;
    const url = server.url.replace(SMTP_PASSWORD, "wrong-password");
    const mailer = createSmtpMailer({ url, from: FROM });
    await expect(
      mailer.sendEmail({ to: "ada@example.com", subject: "x", text: "x" }),
    ).rejects.toBeInstanceOf(MailError);
    expect(server.received.length).toBe(before);
    expect(url).toContain(SMTP_USER);
  });

  it("rejects with a MailError when no server listens", async () => {
    const closed = await startSmtpServer();
    const url = closed.url;
    await closed.close();
    const mailer = createSmtpMailer({ url, from: FROM });
    await expect(
      mailer.sendEmail({ to: "ada@example.com", subject: "x", text: "x" }),
    ).rejects.toBeInstanceOf(MailError);
  });
});
