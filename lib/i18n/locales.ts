import { match } from "@formatjs/intl-localematcher";
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
 * none of them. Negotiator orders the header's ranges by their q-values; FormatJS's matcher
 * (ECMA-402's best-fit lookup) maps each to ours, so "pt-PT" or "pt" still gets "pt-BR", "fr-CA"
 * gets "fr". next-intl's own middleware negotiates with the same two packages.
 */
export function acceptedLocale(
  header: string | null | undefined,
): Locale | null {
  if (!header) return null;
  // "*" (any language) names none in particular: the ranges before it decide, or English does.
  const asked = new Negotiator({ headers: { "accept-language": header } })
    .languages()
    .filter((range) => range !== "*");
  if (asked.length === 0) return null;
  try {
    // The matcher answers its default when nothing fits: a marker that cannot be a locale of ours.
    const found = match(asked, ORDERED, NONE);
    return LOCALES.find((l) => l.toLowerCase() === found.toLowerCase()) ?? null;
  } catch {
    return null; // a malformed range
  }
}

const NONE = "und";
// Longest first, as next-intl orders them: the matcher otherwise prefers a bare tag.
const ORDERED = [...LOCALES].sort((a, b) => b.length - a.length);

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
