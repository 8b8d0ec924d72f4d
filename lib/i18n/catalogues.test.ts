import {
  parse,
  TYPE,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { flatten } from "@/test/support/catalogues";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { MESSAGES } from "./messages";

// Every language holds exactly English's keys, and each message the same ICU arguments (names and
// kinds: a plural stays a plural) with the plural forms its language needs: a missing key or a
// misspelt placeholder fails here, not in front of a reader.

/** The message's arguments as "name:kind", plural and select branches included. */
function argumentsOf(
  elements: MessageFormatElement[],
  into = new Set<string>(),
) {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.add(`${el.value}:text`);
    else if (el.type === TYPE.number) into.add(`${el.value}:number`);
    else if (el.type === TYPE.date || el.type === TYPE.time)
      into.add(`${el.value}:date`);
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(`${el.value}:${el.type === TYPE.plural ? "plural" : "select"}`);
      for (const option of Object.values(el.options))
        argumentsOf(option.value, into);
    } else if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

/** Plural categories each plural argument of the message offers ("minutes:one"). */
function pluralFormsOf(
  elements: MessageFormatElement[],
  into = new Set<string>(),
) {
  for (const el of elements)
    if (el.type === TYPE.plural)
      for (const [form, option] of Object.entries(el.options)) {
        into.add(`${el.value}:${form}`);
        pluralFormsOf(option.value, into);
      }
  return into;
}

const english = flatten(MESSAGES.en);

describe("the message catalogues", () => {
  it("has English messages to compare with", () => {
    expect(english.size).toBeGreaterThan(10);
  });

  it.each(LOCALES)("%s holds exactly the English keys", (locale) => {
    const keys = [...flatten(MESSAGES[locale]).keys()].sort();
    expect(keys).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)(
    "%s gives every message English's arguments, each of the same kind",
    (locale) => {
      for (const [key, message] of flatten(MESSAGES[locale])) {
        const expected = [...argumentsOf(parse(english.get(key)!))].sort();
        expect([...argumentsOf(parse(message))].sort(), key).toEqual(expected);
      }
    },
  );

  it.each(LOCALES)(
    "%s offers every plural form its language uses, and an 'other'",
    (locale) => {
      const categories = new Intl.PluralRules(locale).resolvedOptions()
        .pluralCategories;
      for (const [key, message] of flatten(MESSAGES[locale])) {
        const forms = pluralFormsOf(parse(message));
        const plurals = new Set([...forms].map((f) => f.split(":")[0]!));
        for (const name of plurals) {
          expect(forms, key).toContain(`${name}:other`);
          // "many" (French and Spanish, for millions) falls back to "other", as CLDR allows.
          for (const category of categories)
            if (category !== "many")
              expect(forms, `${key} (${category})`).toContain(
                `${name}:${category}`,
              );
        }
      }
    },
  );

  it("knows a missing placeholder when it sees one", () => {
    const good = argumentsOf(
      parse("Code {code}, {n, plural, one {# min} other {# mins}}"),
    );
    const bad = argumentsOf(parse("Code {cod}, {n} mins"));
    expect([...bad]).not.toEqual([...good]);
  });
});

// A page or component that reads a refusal's English text (ERRORS.X.message) shows English to
// every reader: it says the message with the "Errors" namespace, or, for an error the browser
// makes itself, with browserError() (app/ui/describe-error.ts), which useSubmit then tells.
describe("the pages and components", () => {
  const app = path.join(__dirname, "../../app");
  const sources = readdirSync(app, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .filter((file) => file !== path.join("ui", "describe-error.ts"));
  const english = /\bERRORS(\.[A-Z_]+|\[[^\]]+\])\.message\b/;

  it("are read from app/, the verify page among them", () => {
    expect(sources).toContain(path.join("verify", "page.tsx"));
  });

  it("never show a refusal's English text as it is", () => {
    const leftovers = sources.filter((file) =>
      english.test(readFileSync(path.join(app, file), "utf8")),
    );
    expect(leftovers).toEqual([]);
  });

  it("are checked by a pattern that knows an English refusal when it sees one", () => {
    expect(english.test("{ERRORS.NO_CHALLENGE.message}")).toBe(true);
    expect(english.test("message: ERRORS[code].message,")).toBe(true);
    expect(english.test('sayError("NO_CHALLENGE")')).toBe(false);
  });
});
