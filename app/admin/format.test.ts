import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES, type Messages } from "@/lib/i18n/messages";

/** One namespace's translator as the pages have it (next-intl). */
const translatorFor = <N extends keyof Messages>(
  locale: Locale,
  namespace: N,
) => createTranslator({ locale, messages: MESSAGES[locale], namespace });
import { consoleFormat } from "./format";

// The console in its reader's language: dates in UTC to the minute, British in English as they
// have always been, countries by name, and a breaker's scope worded on the page from facts.

const at = Date.UTC(2025, 2, 5, 9, 7);

describe("the console's dates, figures and countries", () => {
  it("keeps English dates British, to the minute, in UTC", () => {
    const en = consoleFormat("en");
    expect(en.date(at)).toBe("5 Mar 2025, 09:07 UTC");
    expect(en.day("2025-03-05")).toBe("Wed 5 Mar");
    expect(en.count(12345)).toBe("12,345");
  });

  it("gives a German reader German dates, figures and country names", () => {
    const de = consoleFormat("de");
    expect(de.date(at)).toBe("5. März 2025, 09:07 UTC");
    expect(de.count(12345)).toBe("12.345");
    expect(de.country("FR")).toBe("Frankreich");
  });

  it("answers a code it cannot name with the code itself", () => {
    expect(consoleFormat("fr").country("not a region")).toBe("not a region");
  });
});

describe("a breaker's words", () => {
  it("reads in the reader's language, from what the breaker covers", () => {
    const fmt = consoleFormat("de");
    const t = translatorFor("de", "Admin");
    const place = t("breakers.place", {
      kind: "country",
      country: fmt.country("DE"),
      prefix: "",
    });
    expect(t("breakers.codesTo", { place })).toBe(
      "Codes an Nummern im Zielland Deutschland",
    );
    expect(
      t("breakers.why", {
        sends: 12,
        at: fmt.date(at),
        verified: 1,
        percent: t("messages.percent", { value: 8 }),
      }),
    ).toBe(
      "12 Codes in der Stunde vor dem 5. März 2025, 09:07 UTC, davon 1 eingegeben (8\u00a0%).",
    );
  });

  it("reads in English as the page always said it", () => {
    const t = translatorFor("en", "Admin");
    expect(
      t("breakers.codesTo", {
        place: t("breakers.place", {
          kind: "range",
          country: "",
          prefix: "336123",
        }),
      }),
    ).toBe("Codes to numbers starting +336123");
    expect(
      t("breakers.whyAll", { sends: 1000, at: "5 Mar 2025, 09:07 UTC" }),
    ).toBe("1,000 texts and calls in the hour before 5 Mar 2025, 09:07 UTC.");
    expect(t("messages.percent", { value: 50 })).toBe("50\u00a0%");
  });
});
