import { describe, expect, it } from "vitest";
import {
  acceptedLocale,
  asLocale,
  DEFAULT_LOCALE,
  LOCALES,
  negotiateLocale,
} from "./locales";

describe("which language a request or a person gets", () => {
  it("takes the saved choice over the picker's cookie and the browser's languages", () => {
    expect(
      negotiateLocale({
        saved: "de",
        cookie: "fr",
        acceptLanguage: "es-ES,es;q=0.9",
      }),
    ).toBe("de");
  });

  it("takes the picker's cookie over the browser's languages when nothing is saved", () => {
    expect(
      negotiateLocale({ saved: null, cookie: "fr", acceptLanguage: "es" }),
    ).toBe("fr");
  });

  it("takes the browser's languages when nothing is saved or picked", () => {
    expect(negotiateLocale({ acceptLanguage: "pt-BR,pt;q=0.9,en;q=0.8" })).toBe(
      "pt-BR",
    );
  });

  it("falls back to English when nothing names a language of ours", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "it-IT,ja;q=0.5" })).toBe("en");
    expect(DEFAULT_LOCALE).toBe("en");
  });

  it("ignores a saved value or a cookie that is not a language of ours", () => {
    expect(
      negotiateLocale({ saved: "xx", cookie: "../en", acceptLanguage: "de" }),
    ).toBe("de");
    expect(asLocale("pt-br")).toBeNull();
    expect(asLocale(undefined)).toBeNull();
  });
});

describe("the browser's Accept-Language", () => {
  it.each([
    ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"],
    ["fr-CA", "fr"],
    ["de-CH, en;q=0.5", "de"],
    ["es-419,es;q=0.9", "es"],
    ["pt-BR", "pt-BR"],
    ["pt-PT,pt;q=0.9", "pt-BR"],
    ["pt", "pt-BR"],
    ["en-GB", "en"],
    ["it, fr;q=0.4", "fr"],
    ["en;q=0.2, de;q=0.9", "de"],
    ["*, fr;q=0.1", "fr"],
    ["es-MX,en;q=0.1", "es"],
    ["pt-PT,en;q=0.5", "pt-BR"],
    ["en-US,en;q=0.9,fr_FR;q=0.8", "en"],
    ["fr_FR", "fr"],
  ])("%s gets %s", (header, locale) => {
    expect(acceptedLocale(header)).toBe(locale);
  });

  it.each(["", "*", "it", "zh-Hant-TW", ";;;", "fr;q=0"])(
    "%j names none of ours",
    (header) => {
      expect(acceptedLocale(header)).toBeNull();
    },
  );

  it("reads no further into a 16 KB header of made-up languages than a browser's length", () => {
    const tags = Array.from(
      { length: 4000 },
      (_, i) =>
        `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) % 26))}${String.fromCharCode(97 + ((i / 676) % 26))}`,
    );
    const header = tags.join(",").slice(0, 16_000) + ",fr";
    // French sits past what a browser sends: the rest of the header is never parsed.
    expect(acceptedLocale(header)).toBeNull();
    expect(acceptedLocale(`${tags.slice(0, 10).join(",")},fr`)).toBe("fr");
  });

  it("gets back exactly one of ours, spelt as we spell it", () => {
    for (const locale of LOCALES)
      expect(acceptedLocale(locale.toLowerCase())).toBe(locale);
  });
});
