// Countries offered in the phone field (ISO 3166-1 alpha-2 and calling code). Plain data, so the
// client bundle can show the list without shipping phone-number metadata.
export const COUNTRIES = [
  { code: "US", name: "United States", dial: "+1" },
  { code: "CA", name: "Canada", dial: "+1" },
  { code: "GB", name: "United Kingdom", dial: "+44" },
  { code: "IE", name: "Ireland", dial: "+353" },
  { code: "FR", name: "France", dial: "+33" },
  { code: "DE", name: "Germany", dial: "+49" },
  { code: "ES", name: "Spain", dial: "+34" },
  { code: "IT", name: "Italy", dial: "+39" },
  { code: "NL", name: "Netherlands", dial: "+31" },
  { code: "BE", name: "Belgium", dial: "+32" },
  { code: "CH", name: "Switzerland", dial: "+41" },
  { code: "SE", name: "Sweden", dial: "+46" },
  { code: "PT", name: "Portugal", dial: "+351" },
  { code: "PL", name: "Poland", dial: "+48" },
  { code: "AU", name: "Australia", dial: "+61" },
  { code: "NZ", name: "New Zealand", dial: "+64" },
  { code: "IN", name: "India", dial: "+91" },
  { code: "SG", name: "Singapore", dial: "+65" },
  { code: "JP", name: "Japan", dial: "+81" },
  { code: "BR", name: "Brazil", dial: "+55" },
  { code: "MX", name: "Mexico", dial: "+52" },
] as const;

export type CountryCode = (typeof COUNTRIES)[number]["code"];

/** A country of the list, named for one reader. */
export interface CountryOption {
  code: CountryCode;
  name: string;
  dial: string;
}

const namers = new Map<string, Intl.DisplayNames>();

/**
 * The country's name in the reader's language ("Allemagne" in French), from the runtime's CLDR
 * data; English keeps the list's own names. Best computed on the server and handed to the page:
 * a browser's ICU data could name a country otherwise than the server's, and fail hydration.
 */
export function countryName(code: CountryCode, locale = "en"): string {
  const listed = COUNTRIES.find((c) => c.code === code)?.name ?? code;
  if (locale === "en") return listed;
  let namer = namers.get(locale);
  if (!namer) {
    namer = new Intl.DisplayNames([locale], {
      type: "region",
      fallback: "none",
    });
    namers.set(locale, namer);
  }
  return namer.of(code) ?? listed;
}

/** The whole list, in its order, named in the reader's language. */
export function countryOptions(locale = "en"): CountryOption[] {
  return COUNTRIES.map(({ code, dial }) => ({
    code,
    dial,
    name: countryName(code, locale),
  }));
}
