import type { Locale } from "@/lib/i18n/locales";

// Dates on the pages, in the reader's language and in UTC (the server cannot know their zone, and
// every date a page shows says UTC or is a day). English has always written them day first,
// "8 Mar 2026, 12:00", as en-GB does: it keeps doing so. The console formats its own, with its
// figures (app/admin/format.ts); notices word theirs in their messages (lib/notices/notice.ts).

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

// A moment to the minute, as the recovery page says when a new phone takes over. English keeps
// the layout the notices use ("Thu, 10 Dec 2026 07:59 UTC"); every other language takes its own
// order and abbreviations from Intl.
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
