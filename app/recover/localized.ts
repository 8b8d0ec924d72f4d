import type { Locale } from "@/lib/i18n/locales";

// What the recovery page writes in its reader's language beyond its messages: the moment the new
// phone takes over, and the countries of the phone field. Times are in UTC, as every page shows
// them. English keeps the layout the notices use ("Thu, 10 Dec 2026 07:59 UTC") and its readers
// know; every other language takes its own order and abbreviations from Intl.

const ENGLISH_PARTS = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  day: "2-digit",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** A moment in UTC as a reader of `locale` writes it, to the minute. */
export function utcMoment(iso: string, locale: Locale): string {
  const at = new Date(iso);
  if (locale === "en") {
    const part = Object.fromEntries(
      ENGLISH_PARTS.formatToParts(at).map((p) => [p.type, p.value]),
    );
    return `${part.weekday}, ${part.day} ${part.month} ${part.year} ${part.hour}:${part.minute} UTC`;
  }
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);
}

/** A country's name in `locale`; English keeps the list's own names. */
export function countryName(
  country: { code: string; name: string },
  locale: Locale,
): string {
  if (locale === "en") return country.name;
  return (
    new Intl.DisplayNames([locale], { type: "region" }).of(country.code) ??
    country.name
  );
}
