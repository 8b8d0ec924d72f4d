import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { CODE_DIGITS, CODE_TTL_SECONDS } from "./policy";
import { smsText } from "./sms-text";

// Each language's code text, WebOTP line included, must fit ONE SMS segment: 160 characters of
// GSM-7, or 70 once a single character outside GSM-7 (ã, õ, ê, ç, ó, a curly apostrophe…) turns the
// whole text into UCS-2. A second segment is paid twice, and some carriers drop long 2FA texts.
// Counted by Twilio's segment calculator (sms-segments-calculator), which knows GSM-7's
// extension characters and the UCS-2 fallback.

/** A realistic host: a Vercel project's production name. */
const REALISTIC_HOST = "twostep-example.vercel.app";
/**
 * The longest host the texts are held to: 48 characters, room for a Vercel preview's
 * "<project>-git-<branch>-<team>.vercel.app" or a company's "login.accounts.example-company.com".
 * A longer APP_URL host may push some language's text to a second segment.
 */
const LONGEST_HOST = `${"a".repeat(48 - ".example.com".length)}.example.com`;
/**
 * Ten minutes: the longest lifetime a code may have (NIST SP 800-63B-4 §3.1.3.2), two digits, and
 * more than the policy's own.
 */
const LONGEST_TTL = 600;
const CODE = "9".repeat(CODE_DIGITS);

const segments = (text: string) => new SegmentedMessage(text);

describe("the code text in every language fits one SMS segment", () => {
  it("holds hosts up to 48 characters, and codes valid up to 10 minutes", () => {
    expect(LONGEST_HOST).toHaveLength(48);
    expect(CODE_TTL_SECONDS).toBeLessThanOrEqual(LONGEST_TTL);
  });

  for (const locale of LOCALES)
    for (const host of [REALISTIC_HOST, LONGEST_HOST])
      for (const ttl of [60, LONGEST_TTL])
        it(`${locale}, for ${host}, a code valid ${ttl / 60} min`, () => {
          const text = smsText(CODE, `https://${host}`, ttl, locale);
          const sms = segments(text);
          expect(
            sms.segmentsCount,
            `${sms.encodingName}, ${sms.numberOfCharacters} characters ` +
              `(outside GSM-7: ${sms.getNonGsmCharacters().join(" ") || "none"}): ${text}`,
          ).toBe(1);
        });

  it.each(LOCALES)(
    "%s stays in GSM-7, so its text has 160 characters rather than 70",
    (locale) => {
      const text = smsText(CODE, `https://${REALISTIC_HOST}`, 600, locale);
      expect(segments(text).getNonGsmCharacters()).toEqual([]);
      expect(segments(text).encodingName).toBe("GSM-7");
    },
  );

  it("counts a character outside GSM-7 as UCS-2, where 70 characters is one segment", () => {
    expect(segments("ã".repeat(70)).segmentsCount).toBe(1);
    expect(segments("ã".repeat(71)).segmentsCount).toBe(2);
    expect(segments("a".repeat(160)).segmentsCount).toBe(1);
    expect(segments(`${"a".repeat(160)}ã`).segmentsCount).toBe(3);
  });
});

describe("the code text", () => {
  it("is in English, word for word as before, when the challenge has no language", () => {
    expect(smsText("123456", "https://twostep.example", 600)).toBe(
      "Your Twostep code is 123456. It expires in 10 minutes. Never share it.\n\n@twostep.example #123456",
    );
    expect(smsText("123456", "https://twostep.example", 60, "en")).toContain(
      "It expires in 1 minute.",
    );
  });

  it.each(LOCALES)(
    "in %s names the code before any other digits and ends with the WebOTP line",
    (locale) => {
      const text = smsText(
        "042917",
        "https://twostep.example:8443",
        600,
        locale,
      );
      expect(text.match(/\d+/)?.[0]).toBe("042917");
      expect(text.endsWith("\n\n@twostep.example #042917")).toBe(true);
    },
  );

  it("says its minutes through each language's plural rules", () => {
    expect(smsText("1", "https://h.example", 60, "de")).toContain("1 Minute ");
    expect(smsText("1", "https://h.example", 600, "de")).toContain(
      "10 Minuten ",
    );
    expect(smsText("1", "https://h.example", 60, "fr")).toContain("1 minute.");
    expect(smsText("1", "https://h.example", 120, "pt-BR")).toContain(
      "2 minutos.",
    );
  });
});
