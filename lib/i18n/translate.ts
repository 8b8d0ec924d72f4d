import "server-only";
import { IntlMessageFormat, type Formatters } from "intl-messageformat";
import type { Locale } from "./locales";

// The translator of server-side words (refusals, texts, calls, emails, notices), made on
// intl-messageformat alone: next-intl's own translator imports React, and React brings Next's page
// renderer into every API route that loaded it (tens of milliseconds of each cold start). Pages keep
// next-intl. It words messages as use-intl does: ICU plurals and numbers, named date and time
// formats in a time zone, a message with no values and no quoting returned as written.

export type MessageValues = Record<string, string | number | Date>;

/** "a", "a.b"…: the path of every message (a string leaf) of a catalogue. */
export type MessageKey<T> = {
  [K in keyof T & string]: T[K] extends string
    ? K
    : T[K] extends object
      ? `${K}.${MessageKey<T[K]>}`
      : never;
}[keyof T & string];

export interface Translate<K extends string = string> {
  (key: K, values?: MessageValues): string;
  /** Whether the catalogue has this message. */
  has(key: string): boolean;
}

export interface WordingOptions {
  /** Named date and time formats ({at, date, longDay}), each shown in `timeZone`. */
  dateTime?: Record<string, Intl.DateTimeFormatOptions>;
  timeZone?: string;
}

/** Parsed messages, by language, options and text: the catalogues bound how many there can be. */
const parsed = new Map<string, IntlMessageFormat>();

function formatsFor({ dateTime = {}, timeZone }: WordingOptions) {
  const zoned = (
    formats: Record<string, Intl.DateTimeFormatOptions>,
  ): Record<string, Intl.DateTimeFormatOptions> =>
    Object.fromEntries(
      Object.entries({ ...formats, ...dateTime }).map(([name, f]) => [
        name,
        timeZone ? { timeZone, ...f } : f,
      ]),
    );
  return {
    date: zoned(IntlMessageFormat.formats.date),
    time: zoned(IntlMessageFormat.formats.time),
  };
}

/** Every date it says is in `timeZone`, a named format or not. */
function formattersFor({ timeZone }: WordingOptions): Formatters {
  return {
    getNumberFormat: (locales, options) =>
      new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions),
    getPluralRules: (locales, options) =>
      new Intl.PluralRules(locales, options),
    getDateTimeFormat: (locales, options) =>
      new Intl.DateTimeFormat(locales, {
        ...options,
        timeZone: options?.timeZone ?? timeZone,
      }),
  };
}

function lookUp(messages: object, key: string): string | undefined {
  let at: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === "string" ? at : undefined;
}

const made = new WeakMap<object, Map<string, Translate>>();

/**
 * The translator of one catalogue (one language's words of one namespace) with these options, made
 * once.
 */
export function translatorFor<M extends object>(
  locale: Locale,
  messages: M,
  namespace: string,
  options: WordingOptions = {},
): Translate<MessageKey<M>> {
  const id = `${locale}\u0000${namespace}\u0000${JSON.stringify(options)}`;
  let byOptions = made.get(messages);
  if (!byOptions) made.set(messages, (byOptions = new Map()));
  let t = byOptions.get(id);
  if (!t) {
    t = makeTranslator(locale, messages, namespace, options, id);
    byOptions.set(id, t);
  }
  return t as Translate<MessageKey<M>>;
}

function makeTranslator(
  locale: Locale,
  messages: object,
  namespace: string,
  options: WordingOptions,
  id: string,
): Translate {
  const formats = formatsFor(options);
  const formatters = formattersFor(options);
  // As next-intl does: a message missing, or one that cannot be said with these values, is named and
  // logged, and the reply, the email or the notice goes on.
  const fallback = (key: string, why: string) => {
    console.error(`Cannot say ${namespace}.${key} (${locale}): ${why}`);
    return `${namespace}.${key}`;
  };
  const t = (key: string, values?: MessageValues): string => {
    const message = lookUp(messages, key);
    if (message === undefined) return fallback(key, "no such message");
    if (!values && !/'[{}<#|']/.test(message)) return message;
    try {
      const cacheKey = `${id}\u0000${message}`;
      let format = parsed.get(cacheKey);
      if (!format) {
        format = new IntlMessageFormat(message, locale, formats, {
          formatters,
        });
        parsed.set(cacheKey, format);
      }
      return String(format.format(values));
    } catch (error) {
      return fallback(key, error instanceof Error ? error.message : "error");
    }
  };
  t.has = (key: string) => lookUp(messages, key) !== undefined;
  return t;
}
