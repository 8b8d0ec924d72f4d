import fc from "fast-check";

// Building blocks for malformed requests. Everything here is invalid by construction for the
// route it is aimed at, so "no row written, nothing sent" is the right expectation for all of it.

/** Characters that break naive handling: lone surrogates, bidi controls, NUL, BOM, combining marks. */
const ODD_CHARS = [
  "\uD800",
  "\uDFFF",
  "\u202E",
  "\u200F",
  "\u200B",
  "\u0000",
  "\uFEFF",
  "\u0301",
  "\u00A0",
  "\u{1F600}",
  "\u{10FFFF}",
  "\\",
  '"',
  "%",
  "%00",
  "'",
  "<",
  "{",
  "\n",
  "\r",
];

export const oddString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: fc.constantFrom(...ODD_CHARS), maxLength }),
    fc.string({
      unit: fc.oneof(
        fc.constantFrom(...ODD_CHARS),
        fc.string({ maxLength: 1 }),
      ),
      maxLength,
    }),
  );

/** Any JSON text, or any value where a specific type was expected. */
export const anyJson = fc.jsonValue({ maxDepth: 3 });
export const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), anyJson, { maxKeys: 3 }),
);

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Text that is not JSON: cut-off JSON, or random text that happens not to parse. */
export const brokenJson = fc
  .oneof(
    fc
      .tuple(
        fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { minKeys: 1 }),
        fc.nat(),
      )
      .map(([v, cut]) => {
        const text = JSON.stringify(v);
        return text.slice(0, 1 + (cut % (text.length - 1)));
      }),
    oddString(60),
    fc.constantFrom("{", "[", '{"a":', "{'a':1}", "NaN", "undefined", "{,}"),
  )
  .filter((text) => text.trim() !== "" && !parses(text));

/** Valid JSON that is not an object: arrays, strings, numbers, null. */
export const jsonNotObject = anyJson
  .filter((v) => typeof v !== "object" || v === null || Array.isArray(v))
  .map((v) => JSON.stringify(v));

/** A JSON object above the 8 KiB body limit (lib/http.ts MAX_BODY_BYTES), up to about 1 MB. */
export const hugeJson = (field: string) =>
  fc
    .tuple(fc.integer({ min: 8 * 1024 + 1, max: 1024 * 1024 }), oddString(4))
    .map(([size, unit]) => {
      const u = unit || "a";
      return JSON.stringify({
        [field]: u.repeat(Math.ceil(size / u.length)).slice(0, size),
      });
    });

/**
 * An object of the route's fields where at least one field is wrong, or one unknown key is added
 * (the schemas are strict). `fields` maps each name to [a plausible value, a wrong value].
 */
export function objectWithAWrongField(
  fields: Record<string, [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>]>,
) {
  const names = Object.keys(fields);
  const entries = names.map((name) =>
    fc.record({ ok: fields[name]![0], bad: fields[name]![1] }),
  );
  const extraKey = fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((k) => !names.includes(k) && k !== "__proto__");
  return fc
    .tuple(
      fc.tuple(...entries),
      fc.array(fc.boolean(), {
        minLength: names.length,
        maxLength: names.length,
      }),
      fc.nat(names.length), // the field forced wrong; names.length = "add an unknown key"
      fc.option(extraKey),
      anyJson,
    )
    .map(([values, wrong, forced, maybeExtra, extraValue]) => {
      const body: Record<string, unknown> = {};
      names.forEach((name, i) => {
        const bad = wrong[i] || i === forced;
        body[name] = bad ? values[i]!.bad : values[i]!.ok;
      });
      if (forced === names.length)
        body[maybeExtra ?? "unexpected"] = extraValue;
      return JSON.stringify(body);
    });
}

/** Content types a client may send instead of JSON, or none at all. */
export const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "multipart/form-data",
  "application/xml",
  "*/*;;",
  "",
);

/** A header value as Node would hand it over: UTF-8 bytes read as Latin-1, no CR, LF or NUL. */
export const headerValue = (maxLength = 40) =>
  oddString(maxLength).map((s) =>
    Buffer.from(s, "utf8")
      .toString("latin1")
      .replace(/[\r\n\0]/g, ""),
  );

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD, as a client would send). */
export const percentEncode = (s: string) =>
  [...Buffer.from(s, "utf8")]
    .map((b) => `%${b.toString(16).padStart(2, "0")}`)
    .join("");

/** Form-encoded junk, like a forged provider callback. */
export const formJunk = fc.oneof(
  fc
    .dictionary(oddString(12), oddString(30), { maxKeys: 8 })
    .map((d) => new URLSearchParams(d).toString()),
  oddString(200),
  fc.constantFrom("=&=&&", "%", "a=%zz", "----x\r\nContent-Disposition: form"),
);
