import { IntlMessageFormat } from "intl-messageformat";
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

/** Parsed messages, by language and text: the catalogues bound how many there can be. */
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

function lookUp(messages: object, key: string): string | undefined {
  let at: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === "string" ? at : undefined;
}

const made = new WeakMap<object, Translate>();

/**
 * The translator of one catalogue (one language's words of one namespace), made once: a catalogue
 * object is one language's namespace, and its options never change between calls.
 */
export function translatorFor<M extends object>(
  locale: Locale,
  messages: M,
  namespace: string,
  options: WordingOptions = {},
): Translate<MessageKey<M>> {
  let t = made.get(messages);
  if (!t) {
    t = makeTranslator(locale, messages, namespace, options) as Translate;
    made.set(messages, t);
  }
  return t as Translate<MessageKey<M>>;
}

function makeTranslator<M extends object>(
  locale: Locale,
  messages: M,
  namespace: string,
  options: WordingOptions = {},
): Translate<MessageKey<M>> {
  const formats = formatsFor(options);
  const t = (key: string, values?: MessageValues): string => {
    const message = lookUp(messages, key);
    if (message === undefined) {
      // As next-intl does: the page goes on, the log says which message is missing.
      console.error(`Missing message ${namespace}.${key} (${locale})`);
      return `${namespace}.${key}`;
    }
    if (!values && !/'[{}<#|']/.test(message)) return message;
    const cacheKey = `${locale}\u0000${namespace}\u0000${message}`;
    let format = parsed.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(message, locale, formats);
      parsed.set(cacheKey, format);
    }
    return String(format.format(values));
  };
  t.has = (key: string) => lookUp(messages, key) !== undefined;
  return t;
}
