import Negotiator from "negotiator";

// The languages Twostep speaks, and how one is chosen for a request or a person. Pure: pages
// (lib/i18n/request.ts), texts and calls (lib/challenge) and the challenge store all ask here.

export const LOCALES = ["en", "fr", "es", "de", "pt-BR"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language in its own words, as the picker lists it (a reader looks for their own). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
  de: "Deutsch",
  "pt-BR": "Português (Brasil)",
};

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** A stored or submitted value as a locale, or null when it names none of ours. */
export function asLocale(value: unknown): Locale | null {
  return isLocale(value) ? value : null;
}

/**
 * The browser's best language of ours for an `Accept-Language` header, or null when it asks for
 * none of them. Negotiator orders the header's ranges by their q-values; the first whose language
 * (its primary subtag) is one of ours wins, whatever its region: "pt-PT" or "pt" gets "pt-BR",
 * "fr-CA" gets "fr", and "es-MX,en;q=0.1" gets Spanish. We speak one variety of each language, so
 * the language alone decides. Every request may carry this header, refusals included: its work is
 * bounded (the header cut to what a browser sends, a set lookup per range), whatever it holds.
 */
export function acceptedLocale(
  header: string | null | undefined,
): Locale | null {
  if (!header) return null;
  const ranges = new Negotiator({
    headers: { "accept-language": header.slice(0, MAX_HEADER_LENGTH) },
  }).languages();
  for (const range of ranges) {
    const language = range.split(/[-_]/, 1)[0]!.toLowerCase();
    const ours = BY_LANGUAGE.get(language);
    if (ours) return ours;
  }
  return null; // "*" (any language) names none in particular: English, by the default
}

// A browser's header is tens of characters (Chromium sends at most a handful of ranges); the rest
// of a long one is ignored rather than parsed.
const MAX_HEADER_LENGTH = 256;
const BY_LANGUAGE = new Map<string, Locale>(
  LOCALES.map((locale) => [locale.split("-")[0]!.toLowerCase(), locale]),
);

export interface LocaleSources {
  /** The person's saved choice (users.locale), when known. */
  saved?: string | null;
  /** The picker's cookie. */
  cookie?: string | null;
  /** The request's `Accept-Language` header. */
  acceptLanguage?: string | null;
}

/** Which language: the saved choice, else the picker's cookie, else the browser's, else English. */
export function negotiateLocale(sources: LocaleSources): Locale {
  return (
    asLocale(sources.saved) ??
    asLocale(sources.cookie) ??
    acceptedLocale(sources.acceptLanguage) ??
    DEFAULT_LOCALE
  );
}
