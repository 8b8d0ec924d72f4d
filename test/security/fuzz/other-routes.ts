import fc from "fast-check";
import {
  signSmsRequest,
  signVoiceRequest,
} from "@/lib/messaging/plivo-signature";
import { clientHeaders, cookieState, junkQuery, type FuzzCase } from "./case";
import {
  brokenJson,
  formJunk,
  headerValue,
  jsonNotObject,
  oddString,
  percentEncode,
} from "./inputs";

// Cases for the routes that are not JSON-in: the code page's status poll, Plivo's two callbacks
// (form posts, every one forged), the health check, the development outbox, and next-auth's
// credentials callback.

export const FUZZ_APP_URL = "https://twostep.example";
export const FUZZ_PLIVO_TOKEN = "fuzz-plivo-auth-token";

type Parts = Omit<FuzzCase, "route" | "cookie"> &
  Partial<Pick<FuzzCase, "cookie">>;
const base = (route: string, parts: fc.Arbitrary<Parts>) =>
  parts.map((p): FuzzCase => ({ route, cookie: null, ...p }));

export const statusCases = base(
  "GET /api/otp/status",
  fc.record({
    method: fc.constant("GET" as const),
    path: junkQuery.map((q) => `/api/otp/status${q}`),
    headers: clientHeaders,
    cookie: cookieState(true),
  }),
);

/** No signature, junk, one made with another token, or the right token over another URL. */
function forgedSignature(kind: "v3" | "v2", url: string) {
  const nonce = fc.stringMatching(/^\d{20}$/);
  const sign = (token: string, signedUrl: string, n: string) =>
    kind === "v3"
      ? signVoiceRequest({
          method: "POST",
          url: signedUrl,
          nonce: n,
          authToken: token,
        })
      : signSmsRequest({ url: signedUrl, nonce: n, authToken: token });
  const prefix = `x-plivo-signature-${kind}`;
  return fc.oneof(
    fc.constant({}),
    fc.record({
      [prefix]: headerValue(60),
      [`${prefix}-nonce`]: headerValue(30),
    }),
    fc.tuple(fc.string({ minLength: 1 }), nonce).map(([token, n]) => ({
      [prefix]: sign(token === FUZZ_PLIVO_TOKEN ? `${token}!` : token, url, n),
      [`${prefix}-nonce`]: n,
    })),
    nonce.map((n) => ({
      [prefix]: sign(FUZZ_PLIVO_TOKEN, `${FUZZ_APP_URL}/api/other`, n),
      [`${prefix}-nonce`]: n,
    })),
  );
}

const formBody = fc.oneof(
  { weight: 20, arbitrary: formJunk },
  { weight: 4, arbitrary: brokenJson },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 8 * 1024 + 1, max: 1024 * 1024 })
      .map((n) => `a=${"x".repeat(n)}`),
  },
);
const formType = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "application/json",
  "text/plain",
);

export const voiceCases = base(
  "POST /api/voice/answer",
  fc
    .record({
      query: fc.oneof(
        junkQuery,
        oddString(20).map((s) => `?call=${percentEncode(s)}`),
        fc.stringMatching(/^[\w-]{43}$/).map((t) => `?call=${t}`),
      ),
      body: formBody,
      type: formType,
      sig: fc.constant(null),
    })
    .chain((r) =>
      forgedSignature("v3", `${FUZZ_APP_URL}/api/voice/answer${r.query}`).map(
        (sig) => ({
          method: "POST" as const,
          path: `/api/voice/answer${r.query}`,
          headers: { "content-type": r.type, ...sig },
          body: r.body,
        }),
      ),
    ),
);

export const smsStatusCases = base(
  "POST /api/plivo/sms-status/[ref]",
  fc
    .record({
      ref: fc.oneof(
        oddString(40).map(percentEncode),
        fc.stringMatching(/^[\w-]{40,120}$/),
        fc.constantFrom("", "..", "%zz", "%2e%2e", "a/b"),
      ),
      body: formBody,
      type: formType,
    })
    .chain((r) =>
      forgedSignature(
        "v2",
        `${FUZZ_APP_URL}/api/plivo/sms-status/${r.ref}`,
      ).map((sig) => ({
        method: "POST" as const,
        path: `/api/plivo/sms-status/${r.ref}`,
        headers: { "content-type": r.type, ...sig },
        body: r.body,
      })),
    ),
);

export const healthCases = base(
  "GET /api/health",
  fc.record({
    method: fc.constant("GET" as const),
    path: junkQuery.map((q) => `/api/health${q}`),
    headers: clientHeaders,
  }),
);

export const outboxCases = base(
  "GET /api/dev/outbox",
  fc.record({
    method: fc.constant("GET" as const),
    path: fc
      .oneof(
        junkQuery,
        oddString(20).map((s) => `?to=${percentEncode(s)}`),
      )
      .map((q) => `/api/dev/outbox${q}`),
    headers: clientHeaders,
  }),
);

/** Stands for a CSRF token next-auth issued before the run (with its cookie). */
export const VALID_CSRF = "<valid csrf>";

export const nextAuthCases = base(
  "POST /api/auth/callback/twostep",
  fc.record({
    method: fc.constant("POST" as const),
    path: fc.oneof(
      { weight: 5, arbitrary: fc.constant("/api/auth/callback/twostep") },
      {
        weight: 1,
        arbitrary: oddString(12).map(
          (s) => `/api/auth/callback/${percentEncode(s)}`,
        ),
      },
    ),
    headers: fc.record({
      "content-type": fc.constantFrom(
        "application/json",
        "application/x-www-form-urlencoded",
        "text/plain",
        "",
      ),
    }),
    body: fc.oneof(
      brokenJson,
      jsonNotObject,
      formJunk,
      fc
        .record(
          {
            csrfToken: fc.oneof(fc.constant(VALID_CSRF), oddString(64)),
            json: fc.constantFrom("true", "false"),
          },
          { requiredKeys: [] },
        )
        .map((d) => new URLSearchParams(d).toString()),
    ),
    cookie: cookieState(true),
  }),
);
