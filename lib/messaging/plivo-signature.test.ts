import { createHmac } from "node:crypto";
// The SDK's own functions, imported here only: the app never calls them (they compare with ===).
import { validateSignature, validateV3Signature } from "plivo";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  signSmsRequest,
  signVoiceRequest,
  verifySmsSignature,
  verifyVoiceSignature,
  type SignatureParams,
} from "./plivo-signature";

const TOKEN = "MzQ5ZDc4YjA4ZTYxNGYxOWUzNjZjZWZiY2QxN2Ew";
const NONCE = "05429567804466091622";

// V3 signatures built the SDK's way: the SDK only validates, so we find the one it accepts by
// computing Plivo's documented HMAC and asserting the SDK agrees before using it.
const hmac = (data: string) =>
  createHmac("sha256", TOKEN).update(data).digest("base64");

const voiceCases: {
  name: string;
  method: "GET" | "POST";
  url: string;
  params: SignatureParams;
  signed: string;
}[] = [
  {
    name: "POST with form fields",
    method: "POST",
    url: "https://app.example.com/api/voice/answer",
    params: {
      CallUUID: "abc",
      From: "+14155550100",
      To: "+14155550123",
      Direction: "outbound",
    },
    signed:
      "https://app.example.com/api/voice/answer?CallUUIDabcDirectionoutboundFrom+14155550100To+14155550123",
  },
  {
    name: "POST with a query string and form fields",
    method: "POST",
    url: "https://app.example.com/api/voice/answer?call=tok123&b=2",
    params: { CallUUID: "abc", Digits: ["2", "1"] },
    signed:
      "https://app.example.com/api/voice/answer?b=2&call=tok123.CallUUIDabcDigits1Digits2",
  },
  {
    name: "POST with a query string and no fields",
    method: "POST",
    url: "https://app.example.com:8443/answer?call=tok",
    params: {},
    signed: "https://app.example.com:8443/answer?call=tok",
  },
  {
    name: "GET with query and extra params",
    method: "GET",
    url: "https://app.example.com/answer?z=1&a=2",
    params: { m: "3" },
    signed: "https://app.example.com/answer?a=2&m=3&z=1",
  },
  {
    name: "GET with nothing",
    method: "GET",
    url: "https://app.example.com/answer",
    params: {},
    signed: "https://app.example.com/answer",
  },
];

describe("verifyVoiceSignature (V3)", () => {
  for (const c of voiceCases) {
    it(`accepts the signature the SDK accepts: ${c.name}`, () => {
      const signature = hmac(`${c.signed}.${NONCE}`);
      const sdk = validateV3Signature(
        c.method,
        c.url,
        NONCE,
        TOKEN,
        signature,
        structuredClone(c.params),
      );
      expect(sdk).toBe(true);
      expect(
        verifyVoiceSignature({
          method: c.method,
          url: c.url,
          nonce: NONCE,
          signature,
          params: c.params,
          authToken: TOKEN,
        }),
      ).toBe(true);
    });
  }

  const base = voiceCases[0]!;
  const good = {
    method: base.method,
    url: base.url,
    nonce: NONCE,
    signature: hmac(`${base.signed}.${NONCE}`),
    params: base.params,
    authToken: TOKEN,
  };

  it("accepts a matching signature among several in the header", () => {
    expect(
      verifyVoiceSignature({
        ...good,
        signature: `bm90IGl0,${good.signature}`,
      }),
    ).toBe(true);
  });

  it("rejects a wrong signature, as the SDK does", () => {
    const signature = hmac(`${base.signed}.other`);
    expect(
      validateV3Signature(base.method, base.url, NONCE, TOKEN, signature, {
        ...base.params,
      }),
    ).toBe(false);
    expect(verifyVoiceSignature({ ...good, signature })).toBe(false);
  });

  it("rejects a different nonce, url, parameter, method or token", () => {
    expect(verifyVoiceSignature({ ...good, nonce: "1" + NONCE })).toBe(false);
    expect(verifyVoiceSignature({ ...good, url: `${base.url}x` })).toBe(false);
    expect(
      verifyVoiceSignature({ ...good, url: `${base.url}?call=other` }),
    ).toBe(false);
    expect(
      verifyVoiceSignature({
        ...good,
        params: { ...base.params, To: "+14155550999" },
      }),
    ).toBe(false);
    expect(verifyVoiceSignature({ ...good, method: "GET" })).toBe(false);
    expect(verifyVoiceSignature({ ...good, authToken: `${TOKEN}x` })).toBe(
      false,
    );
  });

  it("rejects missing headers and unknown methods without throwing", () => {
    expect(verifyVoiceSignature({ ...good, signature: null })).toBe(false);
    expect(verifyVoiceSignature({ ...good, nonce: undefined })).toBe(false);
    expect(verifyVoiceSignature({ ...good, signature: "" })).toBe(false);
    expect(verifyVoiceSignature({ ...good, method: "PUT" })).toBe(false);
    // Field names Plivo does not send, but an attacker could: the SDK throws on these.
    expect(verifyVoiceSignature({ ...good, params: { toString: "a" } })).toBe(
      false,
    );
  });
});

// ASCII only: for other characters the SDK double-encodes UTF-8 (see plivo-signature.ts).
const word = fc.stringMatching(/^[A-Za-z0-9_+-]{1,8}$/);
// The SDK itself breaks on keys such as "toString" (`key in params` sees Object.prototype).
const key = word.filter((k) => !(k in {}));
const request = fc.record({
  method: fc.constantFrom("GET" as const, "POST" as const),
  host: fc.constantFrom(
    "app.example.com",
    "app.example.com:8443",
    "localhost:3000",
  ),
  path: fc.array(word, { maxLength: 3 }).map((parts) => `/${parts.join("/")}`),
  query: fc.array(fc.tuple(key, word), { maxLength: 3 }),
  params: fc.dictionary(
    key,
    fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 3 })),
    { maxKeys: 4 },
  ),
  nonce: fc.stringMatching(/^[0-9]{10,20}$/),
});

describe("signVoiceRequest / signSmsRequest", () => {
  it("produce signatures the SDK accepts, for any plain request", () => {
    fc.assert(
      fc.property(request, ({ method, host, path, query, params, nonce }) => {
        const qs = query.map(([k, v]) => `${k}=${v}`).join("&");
        const url = `https://${host}${path}${qs ? `?${qs}` : ""}`;
        const v3 = signVoiceRequest({
          method,
          url,
          nonce,
          params,
          authToken: TOKEN,
        });
        expect(
          validateV3Signature(
            method,
            url,
            nonce,
            TOKEN,
            v3,
            structuredClone(params),
          ),
        ).toBe(true);
        expect(
          verifyVoiceSignature({
            method,
            url,
            nonce,
            signature: v3,
            params,
            authToken: TOKEN,
          }),
        ).toBe(true);
        const v2 = signSmsRequest({ url, nonce, authToken: TOKEN });
        expect(validateSignature(url, nonce, v2, TOKEN)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("verifySmsSignature (V2)", () => {
  const url = "https://app.example.com/api/sms/status?x=1";
  // V2 signs the URL without its query string, then the nonce.
  const signature = hmac("https://app.example.com/api/sms/status" + NONCE);

  it("accepts the signature the SDK accepts", () => {
    expect(validateSignature(url, NONCE, signature, TOKEN)).toBe(true);
    expect(
      verifySmsSignature({ url, nonce: NONCE, signature, authToken: TOKEN }),
    ).toBe(true);
  });

  it("rejects a wrong signature, nonce, url or token", () => {
    const wrong = hmac(url + NONCE);
    expect(validateSignature(url, NONCE, wrong, TOKEN)).toBe(false);
    expect(
      verifySmsSignature({
        url,
        nonce: NONCE,
        signature: wrong,
        authToken: TOKEN,
      }),
    ).toBe(false);
    expect(
      verifySmsSignature({
        url,
        nonce: "2" + NONCE,
        signature,
        authToken: TOKEN,
      }),
    ).toBe(false);
    expect(
      verifySmsSignature({
        url: "https://app.example.com/api/sms/other",
        nonce: NONCE,
        signature,
        authToken: TOKEN,
      }),
    ).toBe(false);
    expect(
      verifySmsSignature({ url, nonce: NONCE, signature, authToken: "other" }),
    ).toBe(false);
  });

  it("rejects missing headers without throwing", () => {
    expect(
      verifySmsSignature({ url, nonce: null, signature, authToken: TOKEN }),
    ).toBe(false);
    expect(
      verifySmsSignature({
        url,
        nonce: NONCE,
        signature: undefined,
        authToken: TOKEN,
      }),
    ).toBe(false);
  });
});
