import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { listOutbox } from "@/lib/messaging/outbox";
import { createMailer, EMAIL_FEATURES } from "./index";

const SMTP = {
  SMTP_URL: "smtp://user:pass@smtp.example.com:587",
  MAIL_FROM: "Twostep <no-reply@example.com>",
};
const PRODUCTION = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(32),
  PLIVO_AUTH_ID: "MATESTAUTHID0000000",
  PLIVO_AUTH_TOKEN: "token",
  PLIVO_FROM_NUMBER: "+14155550100",
  APP_URL: "https://app.example.com",
  TWOSTEP_EMBEDDED: "1", // no database or store to name for a mailer's choice
};

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[
    Symbol.for("twostep.mail.reported")
  ];
});

describe("createMailer", () => {
  it("puts email in the outbox by default outside production, as channel email to the address", async () => {
    const mailer = createMailer(parseEnv({ NODE_ENV: "development" }));
    expect(mailer?.kind).toBe("outbox");
    await mailer!.sendEmail({
      to: "outbox-mailer@example.com",
      subject: "Subject line",
      text: "Body https://app.example.com/x",
    });
    expect(listOutbox("outbox-mailer@example.com")).toEqual([
      {
        channel: "email",
        to: "outbox-mailer@example.com",
        subject: "Subject line",
        text: "Body https://app.example.com/x",
        createdAt: expect.any(String),
      },
    ]);
  });

  it("sends through SMTP when SMTP_URL is set", () => {
    expect(createMailer(parseEnv({ ...SMTP }))?.kind).toBe("smtp");
    expect(createMailer(parseEnv({ ...PRODUCTION, ...SMTP }))?.kind).toBe(
      "smtp",
    );
  });

  it("follows MESSAGING=outbox even with SMTP_URL set, so one switch captures every message", () => {
    expect(createMailer(parseEnv({ ...SMTP, MESSAGING: "outbox" }))?.kind).toBe(
      "outbox",
    );
  });

  it("has no mailer in production without SMTP_URL, and says which features are off", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(createMailer(parseEnv(PRODUCTION))).toBeNull();
    const said = warn.mock.calls.flat().join("\n");
    expect(said).toContain("SMTP_URL is not set");
    for (const feature of EMAIL_FEATURES) expect(said).toContain(feature);
  });

  it("refuses SMTP_URL without MAIL_FROM, and a URL that is not SMTP", () => {
    expect(() => parseEnv({ SMTP_URL: SMTP.SMTP_URL })).toThrow(/MAIL_FROM/);
    expect(() =>
      parseEnv({ SMTP_URL: "https://smtp.example.com", MAIL_FROM: "a@b.c" }),
    ).toThrow(/SMTP_URL/);
  });
});
