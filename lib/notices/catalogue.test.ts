import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import {
  NOTICES,
  noticeEmail,
  noticeText,
  noticeWords,
  type Notice,
} from "./catalogue";

// Every notice in the catalogue, built with sample values and worded in every language: none
// carries a link or a code, each email says what to do if it was not you, and each text names the
// app. English is word for word what it always was (tests, e2e and people read these).

const FIREFOX_ON_MACOS =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0";

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
    userAgent: FIREFOX_ON_MACOS,
    ip: "203.0.113.7",
    at: new Date("2026-11-22T21:46:06Z"),
  }),
  accountLocked: NOTICES.accountLocked(300),
  accountDisabled: NOTICES.accountDisabled(),
  passwordAttemptsPaused: NOTICES.passwordAttemptsPaused(900),
  supportUnlocked: NOTICES.supportUnlocked(),
  supportEndedSessions: NOTICES.supportEndedSessions(),
  supportRemovedFactor: NOTICES.supportRemovedFactor("passkey", "Laptop"),
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

const text = (n: Notice) => noticeText(n) ?? "";

describe("the notice catalogue", () => {
  it.each(Object.entries(SAMPLES))(
    "%s carries no link and no code",
    (_, notice) => {
      const email = noticeEmail(notice);
      for (const words of [email.subject, email.text, text(notice)]) {
        expect(words).not.toMatch(/https?:|www\.|:\/\/|token/i);
        expect(words).not.toMatch(/\b\d{6}\b/);
      }
      expect(email.text).toMatch(/^Hello,\n\n/);
      expect(email.text).toContain("If this was not you");
      if (noticeText(notice)) expect(text(notice)).toMatch(/^Twostep: /);
      expect(email.text).toContain("This wasn't me");
    },
  );

  it.each(Object.entries(SAMPLES).filter(([, n]) => noticeText(n)))(
    "%s's text says how to lock the account down, or that it was",
    (_, notice) => {
      expect(noticeText(notice)).toMatch(/This wasn't me|locked down/);
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
    const unknown = NOTICES.newSignIn({
      userAgent: null,
      ip: null,
      at: new Date("2026-03-01T09:05:00Z"),
    });
    expect(noticeEmail(unknown).text).toContain(
      "Device: Unknown browser\nAddress: unknown (the network",
    );
    expect(noticeEmail(unknown).text).toContain(
      "Time: Sun, 01 Mar 2026 09:05 UTC",
    );
  });

  it("texts the old number that it is no longer the account's phone, without the new number", () => {
    expect(text(SAMPLES.phoneChanged)).toContain("no longer the phone");
    expect(text(SAMPLES.phoneChanged)).not.toContain("67");
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
        NOTICES.supportRemovedFactor("passkey", name),
      ])
        for (const locale of LOCALES) {
          const { body, text } = noticeWords(made, locale);
          const [paragraph] = body;
          const email = noticeEmail(made, locale).text;
          for (const words of [paragraph!, text!, email]) {
            expect(words).not.toMatch(/https?:|:\/\/|evil|\.example|elpmaxe/i);
            expect(words).not.toMatch(/[\r\u200B\u202A-\u202E\u2028\u2029]/u);
          }
          // The name's own line breaks are gone: the paragraph and the text are one line each.
          expect(paragraph).not.toContain("\n");
          expect(text).not.toContain("\n");
        }
    expect(text(NOTICES.passkeyAdded(hostile[1]!))).toContain(
      'a passkey named "Work Call +1 555 0100 now" was added',
    );
    expect(text(NOTICES.passkeyAdded(hostile[0]!))).toContain(
      "Twostep: a passkey was added to your account.",
    );
  });

  it("says how long a pause lasts", () => {
    expect(text(SAMPLES.accountLocked)).toContain("paused for 5 minutes");
    expect(text(NOTICES.accountLocked(60))).toContain("paused for a minute");
  });

  it("names what support removed", () => {
    const removed = (n: Notice) => noticeWords(n).body[0];
    expect(removed(NOTICES.supportRemovedFactor("totp"))).toContain(
      "Twostep support removed your authenticator app from your Twostep account",
    );
    expect(removed(SAMPLES.supportRemovedFactor)).toContain(
      'removed the passkey named "Laptop" from',
    );
    expect(text(NOTICES.supportRemovedFactor("recovery_codes"))).toContain(
      "support removed your recovery codes from your account.",
    );
  });
});

const GREETINGS = {
  en: "Hello,",
  fr: "Bonjour,",
  es: "Hola:",
  de: "Hallo,",
  "pt-BR": "Olá,",
};

describe("the notice catalogue in every language", () => {
  const cases = LOCALES.flatMap((locale) =>
    Object.entries(SAMPLES).map(([name, notice]) => ({ locale, name, notice })),
  );

  it.each(cases)(
    "$locale: $name is worded in full, with no link and no code",
    ({ locale, notice }) => {
      const email = noticeEmail(notice, locale);
      const sms = noticeText(notice, locale);
      expect(email.text.startsWith(`${GREETINGS[locale]}\n\n`)).toBe(true);
      for (const words of [email.subject, email.text, sms ?? ""]) {
        // An unfilled placeholder, or a key shown for a message that is missing.
        expect(words).not.toMatch(/[{}#]|Notices\./);
        expect(words).not.toMatch(/https?:|www\.|:\/\/|token/i);
        expect(words).not.toMatch(/\b\d{6}\b/);
      }
      expect(Boolean(sms)).toBe(Boolean(noticeText(notice)));
      if (sms) expect(sms).toMatch(/^Twostep: /);
    },
  );

  it.each(LOCALES.filter((l) => l !== "en"))(
    "%s words every notice in its own language, not English",
    (locale) => {
      for (const notice of Object.values(SAMPLES)) {
        expect(noticeWords(notice, locale).subject).not.toBe(
          noticeWords(notice).subject,
        );
        for (const words of [
          noticeEmail(notice, locale).text,
          noticeText(notice, locale) ?? "",
        ]) {
          expect(words).not.toContain("your account");
          expect(words).not.toContain("If this was not you");
        }
      }
    },
  );

  it("says dates in the reader's language, in UTC", () => {
    const email = (locale: "de" | "fr" | "es" | "pt-BR") =>
      noticeEmail(SAMPLES.newSignIn, locale).text;
    expect(email("de")).toContain("Zeit: So., 22. Nov. 2026 um 21:46 UTC");
    expect(email("fr")).toContain("Date\u00a0: dim. 22 nov. 2026 à 21:46 UTC");
    expect(email("es")).toContain("Fecha: dom, 22 nov 2026 a las 21:46 UTC");
    expect(email("pt-BR")).toContain(
      "Data: dom., 22 de nov. de 2026 às 21:46 UTC",
    );
    // Just before midnight UTC is still that day, whatever the server's own zone.
    const late = NOTICES.deletionRequested(new Date("2026-12-31T23:59:00Z"));
    expect(noticeText(late, "de")).toContain(
      "am Do., 31. Dez. 2026 um 23:59 UTC",
    );
    expect(noticeText(late)).toContain("on Thu, 31 Dec 2026 23:59 UTC;");
  });

  it("says durations and counts with each language's plurals", () => {
    expect(noticeText(NOTICES.accountLocked(60), "de")).toContain(
      "für eine Minute pausiert",
    );
    expect(noticeText(NOTICES.accountLocked(300), "de")).toContain(
      "für 5 Minuten pausiert",
    );
    expect(noticeText(NOTICES.passwordAttemptsPaused(60), "pt-BR")).toContain(
      "pausado por 1 minuto.",
    );
    expect(noticeText(NOTICES.passwordAttemptsPaused(900), "fr")).toContain(
      "suspendue pendant 15 minutes.",
    );
    const left = (n: number, locale: "en" | "de" | "pt-BR") =>
      noticeWords(NOTICES.recoveryCodeUsed(n), locale).body[0];
    expect(left(1, "en")).toContain("1 unused code is left.");
    expect(left(0, "en")).toContain("0 unused codes are left.");
    expect(left(1, "de")).toContain("1 unbenutzter Code ist noch übrig.");
    expect(left(9, "de")).toContain("9 unbenutzte Codes sind noch übrig.");
    expect(left(0, "pt-BR")).toContain("Não resta nenhum código sem uso.");
    expect(left(9, "pt-BR")).toContain("Restam 9 códigos sem uso.");
  });

  it("names the device in the reader's language", () => {
    const device = (locale: "de" | "pt-BR") =>
      noticeEmail(SAMPLES.newSignIn, locale).text;
    expect(device("de")).toContain("Gerät: Firefox unter macOS\n");
    expect(device("pt-BR")).toContain("Dispositivo: Firefox no macOS\n");
  });

  // A text is an SMS: English's take two GSM-7 segments at most. French and German stay in GSM-7
  // (no curly quotes: straight ones) and as short; Spanish and Portuguese need UCS-2 for their
  // accents (67 characters a segment) and are held to as few characters as English, near enough.
  it.each(LOCALES)("%s keeps its texts as short as SMS need", (locale) => {
    for (const [name, notice] of Object.entries(SAMPLES)) {
      const sms = noticeText(notice, locale);
      if (!sms) continue;
      const segments = new SegmentedMessage(sms);
      if (locale === "es" || locale === "pt-BR")
        expect(sms.length, name).toBeLessThanOrEqual(
          Math.ceil(text(notice).length * 1.35),
        );
      else {
        expect(segments.encodingName, `${name}: ${sms}`).toBe("GSM-7");
        expect(segments.segmentsCount, `${name}: ${sms}`).toBeLessThanOrEqual(
          2,
        );
      }
    }
  });
});
