import fc from "fast-check";
import { cookieState, clientHeaders, type FuzzCase } from "./case";
import {
  brokenJson,
  hugeJson,
  jsonNotObject,
  notAString,
  objectWithAWrongField,
  oddString,
} from "./inputs";

// Malformed bodies for the JSON routes (the account's too: they parse before anything else). A body is never valid for its route; the two
// "valid body, no usable cookie" families for send and verify are invalid by their cookie.

const email = fc.uuid().map((u) => `${u}@example.com`);
const notEmail = fc.oneof(
  notAString,
  oddString().filter((s) => !s.includes("@")),
);
// No digit or letter in any script: libphonenumber reads letters (1-800-FLOWERS) and
// non-ASCII digits, so only a string with neither can never be a number.
const notPhone = fc.oneof(
  notAString,
  oddString().filter((s) => !/[\p{Nd}\p{L}]/u.test(s)),
  fc.stringMatching(/^\+1\d{32,40}$/),
);
const tooShort = oddString(7).filter((s) => s.length < 8);
const tooLong = (min: number) =>
  fc.string({ minLength: min + 1, maxLength: min + 50 });
const notCode = fc.oneof(
  notAString,
  oddString(10).filter((s) => !/^\d{6}$/.test(s.replace(/\s/g, ""))),
  fc.constantFrom("12345", "1234567", "12345a", "１２３４５６", "٠١٢٣٤٥"),
);
const notChannel = fc.oneof(
  notAString,
  oddString(8).filter((s) => s !== "sms" && s !== "voice"),
  fc.constantFrom("SMS", "Voice", "sms ", "email", "whatsapp"),
);

const notToken = fc.oneof(
  notAString,
  oddString(60).filter((s) => !/^[\w-]{43}$/.test(s)),
);
const aToken = fc.stringMatching(/^[\w-]{43}$/);
const newPassword: [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>] = [
  fc.constant("correct horse battery"),
  fc.oneof(notAString, tooShort, tooLong(128)),
];

const WRONG_FIELDS = {
  "/api/signup": {
    email: [email, notEmail],
    password: [
      fc.constant("correct horse battery"),
      fc.oneof(notAString, tooShort, tooLong(128)),
    ],
    phone: [
      fc.constantFrom("+14155550100", "+447400123456", "06 12 34 56 78"),
      notPhone,
    ],
    country: [
      fc.constantFrom("US", "GB", "FR"),
      fc.oneof(
        notAString,
        oddString(4).filter((s) => !/^[A-Z]{2}$/.test(s)),
      ),
    ],
  },
  "/api/login": {
    email: [email, notEmail],
    password: [
      fc.constant("some password"),
      fc.oneof(notAString, fc.constant(""), tooLong(128)),
    ],
    callbackUrl: [fc.constant("/account"), fc.oneof(notAString, tooLong(512))],
  },
  "/api/otp/send": { channel: [fc.constant("sms"), notChannel] },
  "/api/otp/verify": { code: [fc.constant("123456"), notCode] },
  "/api/account/authenticator/confirm": {
    code: [fc.constant("123456"), notCode],
  },
  "/api/account/devices/forget": {
    id: [
      fc.constant("device"),
      fc.oneof(notAString, fc.constant(""), tooLong(64)),
    ],
  },
  "/api/password/forgot": { email: [email, notEmail] },
  "/api/password/reset/start": { token: [aToken, notToken] },
  "/api/password/reset": { password: newPassword },
  "/api/email/verify": { token: [aToken, notToken] },
} as const satisfies Record<
  string,
  Record<string, [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>]>
>;

export type JsonRoute = keyof typeof WRONG_FIELDS;

function malformedBody(route: JsonRoute) {
  const fields = WRONG_FIELDS[route];
  return fc.oneof(
    { weight: 30, arbitrary: objectWithAWrongField(fields) },
    { weight: 20, arbitrary: brokenJson },
    { weight: 20, arbitrary: jsonNotObject },
    { weight: 10, arbitrary: fc.constantFrom("", "{}", "null", "[]") },
    // Few, as they are slow to build: enough to show the size limit holds.
    { weight: 2, arbitrary: hugeJson(Object.keys(fields)[0]!) },
  );
}

/** Cases for a JSON route: a malformed body with any cookie, or (send, verify) a valid body without a usable one. */
export function jsonRouteCases(route: JsonRoute): fc.Arbitrary<FuzzCase> {
  const malformed = fc.record({
    body: malformedBody(route),
    headers: clientHeaders,
    cookie: cookieState(true),
  });
  const validBody =
    route === "/api/otp/send"
      ? fc.constantFrom('{"channel":"sms"}', '{"channel":"voice"}')
      : fc.stringMatching(/^\d{6}$/).map((code) => JSON.stringify({ code }));
  const noCookie = fc.record({
    body: validBody,
    headers: clientHeaders,
    cookie: cookieState(false),
  });
  const parts =
    route === "/api/otp/send" || route === "/api/otp/verify"
      ? fc.oneof(
          { weight: 4, arbitrary: malformed },
          { weight: 1, arbitrary: noCookie },
        )
      : malformed;
  return parts.map((p) => ({
    route,
    method: "POST" as const,
    path: route,
    ...p,
  }));
}
