import { createHmac, timingSafeEqual } from "node:crypto";
import { parse as parseQuery } from "node:querystring";

// Plivo's request signatures, rebuilt from the algorithm of plivo 4.79 (dist/utils/v3Security.js and
// security.js) so the comparison can be constant-time: the SDK compares with ===/==.
// Checked against the SDK's own validateV3Signature / validateSignature in plivo-signature.test.ts.
// One deliberate difference: the SDK UTF-8-encodes strings twice (utf8.encode, then Node's hmac
// update), so for non-ASCII URLs or parameters it disagrees with Plivo's other SDKs; here they are
// encoded once, as Plivo's Python SDK does.

export type SignatureParams = Record<string, string | string[]>;

// scheme://[userinfo@]host[:port]path?query#fragment, taken apart the way the SDK's uri-parser does:
// no normalisation (case, default ports, percent-encoding stay as written).
const URL_PARTS =
  /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(?:[^@/?#]*@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/;

function splitUrl(url: string): { base: string; query: string } {
  const [, scheme, host = "", path = "", query = ""] =
    URL_PARTS.exec(url) ?? [];
  return { base: `${scheme || "http"}://${host}${path}`, query };
}

function toLists(params: Record<string, unknown>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [key, value] of Object.entries(params)) {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    lists.set(key, [...(lists.get(key) ?? []), ...values]);
  }
  return lists;
}

function sortedQuery(lists: Map<string, string[]>): string {
  return [...lists.keys()]
    .sort()
    .flatMap((key) =>
      [...lists.get(key)!].sort().map((value) => `${key}=${value}`),
    )
    .join("&");
}

function v3SignedUrl(
  method: "GET" | "POST",
  url: string,
  params: SignatureParams,
): string {
  const { base, query } = splitUrl(url);
  const fromUrl = toLists(parseQuery(query));
  if (method === "GET") {
    for (const [key, values] of toLists(params))
      fromUrl.set(key, [...(fromUrl.get(key) ?? []), ...values]);
    const q = sortedQuery(fromUrl);
    return q ? `${base}?${q}` : base;
  }
  const q = sortedQuery(fromUrl);
  const body = [...toLists(params).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([key, values]) => values.sort().map((value) => key + value))
    .join("");
  const hasBody = Object.keys(params).length > 0;
  return `${base}${q || hasBody ? `?${q}` : ""}${q && hasBody ? "." : ""}${body}`;
}

function sign(authToken: string, data: string): Buffer {
  return Buffer.from(
    createHmac("sha256", authToken).update(data, "utf8").digest("base64"),
  );
}

// Compares the base64 text itself, like the SDK (decoding would accept other spellings of it).
function matches(expected: Buffer, signature: string): boolean {
  const given = Buffer.from(signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The V3 signature Plivo sends for this request (verification, and tests of the app's routes). */
export function signVoiceRequest(input: {
  method: "GET" | "POST";
  url: string;
  nonce: string;
  params?: SignatureParams;
  authToken: string;
}): string {
  const { method, url, nonce, params = {}, authToken } = input;
  return sign(
    authToken,
    `${v3SignedUrl(method, url, params)}.${nonce}`,
  ).toString();
}

/** The V2 signature Plivo sends for this SMS callback. */
export function signSmsRequest(input: {
  url: string;
  nonce: string;
  authToken: string;
}): string {
  return sign(
    input.authToken,
    splitUrl(input.url).base + input.nonce,
  ).toString();
}

/** X-Plivo-Signature-V3 on voice XML requests (answer URL). The header may list several signatures. */
export function verifyVoiceSignature(input: {
  method: string;
  url: string; // the exact public URL Plivo called, query included
  nonce: string | null | undefined;
  signature: string | null | undefined;
  params?: SignatureParams; // POST form fields (GET: extra query fields)
  authToken: string;
}): boolean {
  const { method, url, nonce, signature, params = {}, authToken } = input;
  if (!nonce || !signature || (method !== "GET" && method !== "POST"))
    return false;
  const expected = Buffer.from(
    signVoiceRequest({ method, url, nonce, params, authToken }),
  );
  // Check every listed signature, without stopping early.
  return signature
    .split(",")
    .reduce((ok, candidate) => matches(expected, candidate) || ok, false);
}

/** X-Plivo-Signature-V2 on SMS status callbacks: HMAC of the URL without its query, then the nonce. */
export function verifySmsSignature(input: {
  url: string;
  nonce: string | null | undefined;
  signature: string | null | undefined;
  authToken: string;
}): boolean {
  const { url, nonce, signature, authToken } = input;
  if (!nonce || !signature) return false;
  return matches(
    Buffer.from(signSmsRequest({ url, nonce, authToken })),
    signature,
  );
}
