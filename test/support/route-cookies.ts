// A stand-in for lib/http/cookies.ts in vitest (vitest.config.mts aliases it). Route tests call
// handlers with bare requests and keep one browser's cookies in the "next/headers" mock
// (test/support/next-request.ts) or the CommonJS stand-in (next-headers-cjs.ts); this sends the
// cookie helpers to that mock, as the product does outside an API handler; a handler's headers
// (Accept-Language) are its own request's, as in the product. The real module, which
// reads a handler's request and sets its reply, is tested on its own (lib/http/cookies.test.ts)
// and in every end-to-end journey.
// next/headers is imported statically, as the helpers did before: two requests that reach a
// dynamic import() of a mocked module at once can be handed the real one.
import { AsyncLocalStorage } from "node:async_hooks";
import { cookies, headers } from "next/headers";
import type { CookieJar } from "@/lib/http/cookies";
import { cookieJar } from "./next-request";

export type { CookieJar };

const current = new AsyncLocalStorage<Request>();

export async function requestCookies(): Promise<CookieJar> {
  return cookies();
}

export async function requestHeaders(): Promise<Pick<Headers, "get">> {
  // Inside a handler its own request's, as the real module gives (Accept-Language, say).
  return current.getStore()?.headers ?? headers();
}

/** The handler's request, for what reads it at once (a refusal's language): the browser's cookies. */
export function currentApiRequest() {
  const request = current.getStore();
  if (!request) return null;
  const get = (name: string) =>
    cookieJar.has(name) ? { value: cookieJar.get(name)! } : undefined;
  return { cookies: { get }, headers: request.headers };
}

export function withReplyCookies(
  request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  return current.run(request, handle);
}
