import fc from "fast-check";
import { contentType, headerValue, oddString } from "./inputs";

// One generated request, as plain data (so a failing case can be printed and replayed).

export const INTERNAL = "http://localhost:3000";
/** Stands for the id of a live challenge made before the run (the cookie a real browser holds). */
export const VALID_CHALLENGE = "<valid challenge>";
/** The challenge cookie's name: the fuzz run's APP_URL is https, so it carries the __Host- prefix. */
export const CHALLENGE_COOKIE = "__Host-twostep_challenge";

export interface FuzzCase {
  route: string;
  method: "GET" | "POST";
  /** Path and query, on INTERNAL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The challenge cookie's value: none, junk, an unknown id, or VALID_CHALLENGE. */
  cookie: string | null;
}

/** Missing, junk, well-formed but unknown, or (when allowed) this browser's live challenge. */
export const cookieState = (allowValid: boolean) =>
  fc.oneof(
    fc.constant(null),
    headerValue(60).map((v) => v.replace(/;/g, "")),
    fc.stringMatching(/^[\w-]{43}$/), // an id of the old shape, without its account
    fc.stringMatching(/^[\w-]{43}\.[\w-]{43}$/),
    ...(allowValid ? [fc.constant(VALID_CHALLENGE)] : []),
  );

/** Headers a client controls: content type, origin, forwarded address, user agent. */
export const clientHeaders = fc
  .record(
    {
      "content-type": contentType,
      origin: fc.constantFrom(
        INTERNAL,
        "https://twostep.example",
        "https://evil.example",
        "null",
      ),
      "x-forwarded-for": headerValue(60),
      "user-agent": headerValue(300),
      "sec-fetch-site": fc.constantFrom("same-origin", "cross-site", "none"),
    },
    { requiredKeys: [] },
  )
  .map((h) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) if (v) headers[k] = v;
    return headers;
  });

export const junkQuery = fc.oneof(
  fc.constant(""),
  oddString(30).map((s) => `?${encodeURIComponent(s.toWellFormed())}`),
  fc.constantFrom("?%", "?a=%zz&&", "?to=&to=", "?call=&call=x"),
);

export function toRequest(c: FuzzCase, cookieValue: string | null): Request {
  const headers = new Headers(c.headers);
  if (cookieValue !== null)
    headers.set("cookie", `${CHALLENGE_COOKIE}=${cookieValue}`);
  return new Request(`${INTERNAL}${c.path}`, {
    method: c.method,
    headers,
    body: c.method === "POST" ? c.body : undefined,
  });
}
