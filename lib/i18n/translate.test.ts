import {
  parse,
  TYPE,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "use-intl/core";
import { flatten, type Tree } from "@/test/support/catalogues";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { noticeTranslator, NOTICE_FORMATS } from "@/lib/notices/notice";
import { CORE_WORDS, smsWords, voiceWords } from "./catalogues/core";
import { EMAILS_WORDS, emailWords } from "./catalogues/emails";
import { ERRORS_WORDS, errorWords } from "./catalogues/errors";
import { NOTICES_WORDS } from "./catalogues/notices";
import { LOCALES, type Locale } from "./locales";
import { translatorFor, type MessageValues } from "./translate";

// The server's translator words every message as next-intl's (which the pages use) would: each
// message of the catalogues said outside pages, in every language, with values of each kind its
// arguments take, equals use-intl's wording of it.

const WHEN = new Date(Date.UTC(2026, 2, 5, 23, 7));

/** Values for a message's arguments: `count` for its numbers and plurals. */
function valuesFor(elements: MessageFormatElement[], count: number) {
  const values: MessageValues = {};
  const visit = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument) values[el.value] = "Ada";
      else if (el.type === TYPE.number) values[el.value] = count;
      else if (el.type === TYPE.date || el.type === TYPE.time)
        values[el.value] = WHEN;
      else if (el.type === TYPE.plural) {
        values[el.value] = count;
        for (const o of Object.values(el.options)) visit(o.value);
      } else if (el.type === TYPE.select) {
        values[el.value] = Object.keys(el.options)[0]!;
        for (const o of Object.values(el.options)) visit(o.value);
      }
    }
  };
  visit(elements);
  return values;
}

type Pair = {
  ours: (key: string, values?: MessageValues) => string;
  theirs: (key: string, values?: MessageValues) => string;
  messages: Tree;
};

function pairs(locale: Locale): [string, Pair][] {
  const nextIntl = (namespace: string, messages: object, formats?: object) =>
    createTranslator({
      locale,
      messages: { [namespace]: messages },
      namespace,
      timeZone: "UTC",
      ...(formats && { formats }),
    }) as unknown as Pair["theirs"];
  const loose = (t: unknown) => t as Pair["ours"];
  return [
    [
      "Errors",
      {
        ours: loose(errorWords(locale)),
        theirs: nextIntl("Errors", ERRORS_WORDS[locale]),
        messages: ERRORS_WORDS[locale],
      },
    ],
    [
      "Emails",
      {
        ours: loose(emailWords(locale)),
        theirs: nextIntl("Emails", EMAILS_WORDS[locale]),
        messages: EMAILS_WORDS[locale],
      },
    ],
    [
      "Sms",
      {
        ours: loose(smsWords(locale)),
        theirs: nextIntl("Sms", CORE_WORDS[locale].Sms),
        messages: CORE_WORDS[locale].Sms,
      },
    ],
    [
      "Voice",
      {
        ours: loose(voiceWords(locale)),
        theirs: nextIntl("Voice", CORE_WORDS[locale].Voice),
        messages: CORE_WORDS[locale].Voice,
      },
    ],
    [
      "Notices",
      {
        ours: noticeTranslator(locale),
        theirs: nextIntl("Notices", NOTICES_WORDS[locale], NOTICE_FORMATS),
        messages: NOTICES_WORDS[locale] as unknown as Tree,
      },
    ],
  ];
}

describe("the server's translator", () => {
  it.each(LOCALES)(
    "words every message said outside pages in %s as next-intl does",
    (locale) => {
      let compared = 0;
      for (const [, { ours, theirs, messages }] of pairs(locale))
        for (const [key, message] of flatten(messages)) {
          const elements = parse(message);
          for (const count of [1, 3, 1234]) {
            const values = valuesFor(elements, count);
            expect(ours(key, values), key).toBe(theirs(key, values));
          }
          // A message with arguments is never said without values.
          if (Object.keys(valuesFor(elements, 1)).length === 0)
            expect(ours(key), key).toBe(theirs(key));
          compared++;
        }
      expect(compared).toBeGreaterThan(100);
    },
  );

  it("says a date in UTC with the catalogue's named formats, whatever the server's own zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Auckland";
    onTestFinished(() => {
      process.env.TZ = zone;
    });
    const t = translatorFor(
      "en",
      { at: "{at, date, day} {at, time, hoursMinutes}" },
      "Test",
      { dateTime: NOTICE_FORMATS.dateTime, timeZone: "UTC" },
    );
    expect(t("at", { at: WHEN })).toBe("05 23:07");
  });

  it("names a missing message and logs it, as next-intl does, rather than failing the reply", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const t = translatorFor("fr", { a: "A" }, "Test") as unknown as (
      key: string,
    ) => string;
    expect(t("b")).toBe("Test.b");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("says every date in its zone, with a named format or not", () => {
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Auckland";
    onTestFinished(() => {
      process.env.TZ = zone;
    });
    const messages = {
      at: "{at, date, medium} {at, time, short} {at, date, ::MMMd}",
    };
    const utc = translatorFor("en", messages, "Test", { timeZone: "UTC" });
    const tokyo = translatorFor("en", messages, "Test", {
      timeZone: "Asia/Tokyo",
    });
    expect(utc("at", { at: WHEN })).toBe("Mar 5, 2026 11:07 PM Mar 5");
    expect(tokyo("at", { at: WHEN })).toBe("Mar 6, 2026 8:07 AM Mar 6");
  });

  it("names a message it cannot say with the values given, and logs it, rather than throwing", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const t = translatorFor("de", { n: "{n, number} left" }, "Test");
    expect(t("n", {})).toBe("Test.n");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("is made once per catalogue", () => {
    expect(errorWords("de")).toBe(errorWords("de"));
    expect(errorWords("de")).not.toBe(errorWords("fr"));
  });
});
