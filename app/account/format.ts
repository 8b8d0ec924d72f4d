import type { Locale } from "@/lib/i18n/locales";

// The account page's dates, in the reader's language and in UTC (the server cannot know their
// zone, and every date on the page says UTC or is a day). English has always written them day
// first, "8 Mar 2026, 12:00", as en-GB does: it keeps doing so.

const FORMAT_LOCALE: Record<Locale, string> = {
  en: "en-GB",
  fr: "fr",
  es: "es",
  de: "de",
  "pt-BR": "pt-BR",
};

const days = new Map<Locale, Intl.DateTimeFormat>();
const times = new Map<Locale, Intl.DateTimeFormat>();

function formatter(
  cache: Map<Locale, Intl.DateTimeFormat>,
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
) {
  let found = cache.get(locale);
  if (!found) {
    found = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], {
      ...options,
      timeZone: "UTC",
    });
    cache.set(locale, found);
  }
  return found;
}

/** A day, "8 Mar 2026" (English), "8 mars 2026", "08.03.2026". */
export function formatDay(at: Date, locale: Locale): string {
  return formatter(days, locale, { dateStyle: "medium" }).format(at);
}

/** A day and a time of day in UTC, "8 Mar 2026, 12:00", without the zone's name. */
export function formatDateTime(at: Date, locale: Locale): string {
  return formatter(times, locale, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(at);
}
