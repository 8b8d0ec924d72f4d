import { describe, expect, it } from "vitest";
import { NOTICES, noticeEmail, type Notice } from "./catalogue";

// Every notice in the catalogue, built with sample values: none carries a link or a code, each
// email says what to do if it was not you, and each text names the app.

const SAMPLES: Record<keyof typeof NOTICES, Notice> = {
  authenticatorAdded: NOTICES.authenticatorAdded(),
  authenticatorRemoved: NOTICES.authenticatorRemoved(),
  passkeyAdded: NOTICES.passkeyAdded("Laptop"),
  passkeyRemoved: NOTICES.passkeyRemoved("Laptop"),
  recoveryCodesMade: NOTICES.recoveryCodesMade(),
  recoveryCodeUsed: NOTICES.recoveryCodeUsed(9),
  textCodesOff: NOTICES.textCodesOff(),
  textCodesOn: NOTICES.textCodesOn(),
  passwordChanged: NOTICES.passwordChanged(),
  passwordReset: NOTICES.passwordReset(),
  phoneChanged: NOTICES.phoneChanged("67"),
  newSignIn: NOTICES.newSignIn({
    device: "Firefox on macOS",
    ip: "203.0.113.7",
    at: new Date("2026-11-22T21:46:06Z"),
  }),
  accountLocked: NOTICES.accountLocked(300),
  accountDisabled: NOTICES.accountDisabled(),
  passwordAttemptsPaused: NOTICES.passwordAttemptsPaused(900),
};

describe("the notice catalogue", () => {
  it.each(Object.entries(SAMPLES))(
    "%s carries no link and no code",
    (_, notice) => {
      const email = noticeEmail(notice);
      for (const text of [email.subject, email.text, notice.text ?? ""]) {
        expect(text).not.toMatch(/https?:|www\.|:\/\/|token/i);
        expect(text).not.toMatch(/\b\d{6}\b/);
      }
      expect(email.text).toMatch(/^Hello,\n\n/);
      expect(email.text).toContain("If this was not you");
      if (notice.text) expect(notice.text).toMatch(/^Twostep: /);
    },
  );

  it("names the device, the address and the time of a new sign-in", () => {
    expect(noticeEmail(SAMPLES.newSignIn).text).toContain(
      [
        "Device: Firefox on macOS",
        "Address: 203.0.113.7 (the network it came from, roughly where it was)",
        "Time: Sun, 22 Nov 2026 21:46 UTC",
      ].join("\n"),
    );
  });

  it("texts the old number that it is no longer the account's phone, without the new number", () => {
    expect(SAMPLES.phoneChanged.text).toContain("no longer the phone");
    expect(SAMPLES.phoneChanged.text).not.toContain("67");
    expect(noticeEmail(SAMPLES.phoneChanged).text).toContain("ending in 67");
  });

  it("says how long a pause lasts", () => {
    expect(SAMPLES.accountLocked.text).toContain("paused for 5 minutes");
    expect(NOTICES.accountLocked(60).text).toContain("paused for a minute");
  });
});
