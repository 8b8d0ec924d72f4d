import { describe, expect, it } from "vitest";
import { COUNTRIES, countryName, countryOptions } from "./countries";

describe("the phone field's countries", () => {
  it("keeps the list's own English names, by default and for English", () => {
    for (const country of COUNTRIES) {
      expect(countryName(country.code)).toBe(country.name);
      expect(countryName(country.code, "en")).toBe(country.name);
    }
  });

  it("names each country in the reader's language", () => {
    expect(countryName("DE", "fr")).toBe("Allemagne");
    expect(countryName("GB", "de")).toBe("Vereinigtes Königreich");
    expect(countryName("US", "es")).toBe("Estados Unidos");
    expect(countryName("NL", "pt-BR")).toBe("Países Baixos");
  });

  it("offers the whole list in its order, with the same codes and calling codes", () => {
    const german = countryOptions("de");
    expect(german.map((c) => [c.code, c.dial])).toEqual(
      COUNTRIES.map((c) => [c.code, c.dial]),
    );
    expect(german[0]).toEqual({
      code: "US",
      dial: "+1",
      name: "Vereinigte Staaten",
    });
  });
});
