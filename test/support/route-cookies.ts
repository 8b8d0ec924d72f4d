// A stand-in for lib/http/cookies.ts in vitest (vitest.config.mts aliases it). Route tests call
// handlers with bare requests and keep one browser's cookies in the "next/headers" mock
// (test/support/next-request.ts) or the CommonJS stand-in (next-headers-cjs.ts); this sends the
// cookie helpers to that mock, as the product does outside an API handler. The real module, which
// reads a handler's request and sets its reply, is tested on its own (lib/http/cookies.test.ts)
// and in every end-to-end journey.
// next/headers is imported statically, as the helpers did before: two requests that reach a
// dynamic import() of a mocked module at once can be handed the real one.
import { cookies, headers } from "next/headers";
import type { CookieJar } from "@/lib/http/cookies";

export type { CookieJar };

export async function requestCookies(): Promise<CookieJar> {
  return cookies();
}

export async function requestHeaders(): Promise<Pick<Headers, "get">> {
  return headers();
}

export function withReplyCookies(
  _request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  return handle();
}
