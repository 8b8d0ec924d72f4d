import type { Locale } from "@/lib/i18n/locales";

// Dates, figures and countries in the console, in the reader's language. Dates are UTC, to the
// minute, the same for every operator wherever they sit. The console's English has always been
// British (day before month, a 24-hour clock): "en" formats as en-GB.

const tagOf = (locale: Locale) => (locale === "en" ? "en-GB" : locale);

export interface ConsoleFormat {
  locale: Locale;
  /** "5 Mar 2025, 14:03 UTC", "5. März 2025, 14:03 UTC". */
  date: (at: Date | number) => string;
  /** A UTC day, YYYY-MM-DD, as "Wed 5 Mar". */
  day: (day: string) => string;
  count: (n: number) => string;
  /** A region code ("DE") by its name in the reader's language ("Allemagne"). */
  country: (code: string) => string;
}

export function consoleFormat(locale: Locale): ConsoleFormat {
  const tag = tagOf(locale);
  const date = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
  const day = new Intl.DateTimeFormat(tag, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const number = new Intl.NumberFormat(tag);
  const regions = new Intl.DisplayNames([tag], {
    type: "region",
    fallback: "code",
  });
  return {
    locale,
    date: (at) => date.format(at),
    day: (d) => day.format(new Date(`${d}T00:00:00Z`)),
    count: (n) => number.format(n),
    country: (code) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code; // not a region code at all
      }
    },
  };
}
