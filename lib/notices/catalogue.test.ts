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
  emailChangeRequested: NOTICES.emailChangeRequested("n•••@example.com"),
  newSignIn: NOTICES.newSignIn({
    device: "Firefox on macOS",
    ip: "203.0.113.7",
    at: new Date("2026-11-22T21:46:06Z"),
  }),
  accountLocked: NOTICES.accountLocked(300),
  accountDisabled: NOTICES.accountDisabled(),
  passwordAttemptsPaused: NOTICES.passwordAttemptsPaused(900),
  supportUnlocked: NOTICES.supportUnlocked(),
  supportEndedSessions: NOTICES.supportEndedSessions(),
  supportRemovedFactor: NOTICES.supportRemovedFactor('passkey "Laptop"'),
  supportSwitchedOff: NOTICES.supportSwitchedOff(),
  supportSwitchedOn: NOTICES.supportSwitchedOn(),
  lockedDown: NOTICES.lockedDown(),
  deletionRequested: NOTICES.deletionRequested(
    new Date("2026-11-29T21:46:06Z"),
  ),
  deletionCancelled: NOTICES.deletionCancelled(),
  recoveryStarted: NOTICES.recoveryStarted(
    "67",
    new Date("2026-11-25T21:46:06Z"),
  ),
  recoveryCancelled: NOTICES.recoveryCancelled(),
  recoveryCompleted: NOTICES.recoveryCompleted(),
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
      expect(email.text).toContain("This wasn't me");
    },
  );

  it.each(Object.entries(SAMPLES).filter(([, n]) => n.text))(
    "%s's text says how to lock the account down, or that it was",
    (_, notice) => {
      expect(notice.text).toMatch(/This wasn't me|locked down/);
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

  it("repeats a passkey's name as plain words: never a link, a line break or a hidden character", () => {
    const hostile = [
      "Work\nClick https://evil.example/x",
      "Work\r\nCall +1 555 0100 now",
      "Laptop\u202Eelpmaxe.live",
      "see evil\uFF0Eexample",
      "a\u2028b",
    ];
    for (const name of hostile)
      for (const made of [
        NOTICES.passkeyAdded(name),
        NOTICES.passkeyRemoved(name),
      ]) {
        const [paragraph] = made.body;
        for (const text of [paragraph!, made.text!, noticeEmail(made).text]) {
          expect(text).not.toMatch(/https?:|:\/\/|evil|\.example|elpmaxe/i);
          expect(text).not.toMatch(/[\r\u200B\u202A-\u202E\u2028\u2029]/u);
        }
        // The name's own line breaks are gone: the paragraph and the text are one line each.
        expect(paragraph).not.toContain("\n");
        expect(made.text).not.toContain("\n");
      }
    expect(NOTICES.passkeyAdded(hostile[1]!).text).toContain(
      'a passkey named "Work Call +1 555 0100 now" was added',
    );
    expect(NOTICES.passkeyAdded(hostile[0]!).text).toContain(
      "Twostep: a passkey was added to your account.",
    );
  });

  it("says how long a pause lasts", () => {
    expect(SAMPLES.accountLocked.text).toContain("paused for 5 minutes");
    expect(NOTICES.accountLocked(60).text).toContain("paused for a minute");
  });
});
