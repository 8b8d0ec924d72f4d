// A stand-in for "next/headers" so route handlers run in vitest, plus a request builder.
// Use it as the mock module itself:
//   vi.mock("next/headers", () => import("@/test/support/next-request"));
// then call a route's exported POST with jsonRequest(...). One browser's cookies live in
// cookieJar (the options each was last set with in cookieOptions); clear both to start as a new
// person (clearBrowser does).

// On globalThis, so a suite that reloads the app (vi.resetModules) still has one browser: the
// routes' copy of this module and the test's share the jar.
const shared = globalThis as typeof globalThis & {
  __twostepTestCookies?: {
    jar: Map<string, string>;
    options: Map<string, Record<string, unknown>>;
  };
};
shared.__twostepTestCookies ??= { jar: new Map(), options: new Map() };

export const cookieJar = shared.__twostepTestCookies.jar;

/** What a cookie was last set with (httpOnly, secure, sameSite, path, maxAge…), by name. */
export const cookieOptions = shared.__twostepTestCookies.options;

type CookieInput = string | { name: string; value: string };

export function clearBrowser() {
  cookieJar.clear();
  cookieOptions.clear();
}

export async function cookies() {
  return {
    get: (name: string) =>
      cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined,
    has: (name: string) => cookieJar.has(name),
    set: (
      nameOrCookie: CookieInput,
      value?: string,
      options: Record<string, unknown> = {},
    ) => {
      if (typeof nameOrCookie === "string") {
        cookieJar.set(nameOrCookie, value ?? "");
        cookieOptions.set(nameOrCookie, options);
      } else {
        const { name, value: v, ...rest } = nameOrCookie;
        cookieJar.set(name, v);
        cookieOptions.set(name, rest);
      }
    },
    delete: (nameOrCookie: string | { name: string }) => {
      const name =
        typeof nameOrCookie === "string" ? nameOrCookie : nameOrCookie.name;
      cookieOptions.delete(name);
      return cookieJar.delete(name);
    },
  };
}

export async function headers() {
  return new Headers();
}

/**
 * A same-origin JSON POST. With `ip`, the headers a trusted edge adds for that client (Vercel's
 * x-real-ip, and x-forwarded-for as one proxy hop appends it); which one counts depends on
 * VERCEL and TRUSTED_PROXY_HOPS. `headers` adds or overrides any header (a raw X-Forwarded-For
 * chain, say).
 */
export function jsonRequest(
  path: string,
  body: unknown,
  options: { ip?: string; headers?: Record<string, string> } = {},
): Request {
  const h = new Headers({ "content-type": "application/json" });
  if (options.ip) {
    h.set("x-forwarded-for", options.ip);
    h.set("x-real-ip", options.ip);
  }
  for (const [name, value] of Object.entries(options.headers ?? {}))
    h.set(name, value);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: h,
    body: JSON.stringify(body),
  });
}

/** What a server pulled from a streamed body. */
export interface BodyReads {
  bytes: number;
  cancelled: boolean;
}

/**
 * A POST whose body streams `bytes` bytes in `chunk`-byte pieces, each produced only when the
 * server asks for it, so `reads` tells how much it read. Sent chunked unless `contentLength`
 * declares a length (true or not: a client chooses what it declares).
 */
export function streamedRequest(
  url: string,
  options: {
    bytes: number;
    chunk?: number;
    contentLength?: number;
    headers?: Record<string, string>;
    fill?: string;
  },
): { request: Request; reads: BodyReads } {
  const { bytes, chunk = 1024, fill = "a" } = options;
  const reads: BodyReads = { bytes: 0, cancelled: false };
  const piece = new TextEncoder().encode(fill.repeat(chunk)).subarray(0, chunk);
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const size = Math.min(chunk, bytes - reads.bytes);
        reads.bytes += size;
        controller.enqueue(piece.slice(0, size));
        if (reads.bytes >= bytes) controller.close();
      },
      cancel() {
        reads.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers(options.headers);
  if (options.contentLength !== undefined)
    headers.set("content-length", String(options.contentLength));
  const request = new Request(url, {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
  return { request, reads };
}
