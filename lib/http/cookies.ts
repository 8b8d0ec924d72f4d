import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import {
  RequestCookies,
  ResponseCookies,
} from "next/dist/server/web/spec-extension/cookies";

// The cookies of the request being answered, for the cookie helpers of this folder. Inside an API
// handler (apiHandler) they are read from the request and set on its reply directly: `next/headers`
// brings Next's page renderer with it (its React), which a route handler's cold start would load
// for nothing. Pages and anything outside apiHandler get `next/headers`' own cookies(), loaded then.

type SetOptions = Parameters<ResponseCookies["set"]>[2];
type DeleteOptions = { name: string; path?: string; secure?: boolean };

export interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: SetOptions): void;
  delete(options: DeleteOptions): void;
}

class ReplyCookies implements CookieJar {
  private readonly sent = new ResponseCookies(new Headers());
  private readonly received: RequestCookies;

  constructor(readonly request: Request) {
    this.received = new RequestCookies(request.headers);
  }

  get(name: string) {
    // A cookie set earlier in this request reads back as set, as next/headers' does.
    const set = this.sent.get(name);
    if (set) return set.value === "" ? undefined : { value: set.value };
    return this.received.get(name);
  }

  set(name: string, value: string, options: SetOptions) {
    this.sent.set(name, value, options);
  }

  delete(options: DeleteOptions) {
    this.sent.delete(options);
  }

  /** The reply with a Set-Cookie header for each cookie set or deleted. */
  applyTo(reply: Response): Response {
    const cookies = this.sent.getAll();
    if (!cookies.length) return reply;
    const setOn = (r: Response) => {
      for (const cookie of cookies) new ResponseCookies(r.headers).set(cookie);
      return r;
    };
    try {
      return setOn(reply);
    } catch {
      // Response.redirect() and fetch() make replies whose headers cannot change: answer a copy.
      return setOn(new Response(reply.body, reply));
    }
  }
}

const current = new AsyncLocalStorage<ReplyCookies>();

/** This request's cookies: the reply's own inside an API handler, else next/headers'. */
export async function requestCookies(): Promise<CookieJar> {
  return current.getStore() ?? (await import("next/headers")).cookies();
}

/** This request's headers: the handler's own request inside an API handler, else next/headers'. */
export async function requestHeaders(): Promise<Pick<Headers, "get">> {
  const jar = current.getStore();
  return jar ? jar.request.headers : (await import("next/headers")).headers();
}

/**
 * The request an API handler is answering, its cookies as set so far, read at once (no await): for
 * what must be worded where it is made, like a refusal (./locale.ts). Null outside an API handler.
 */
export function currentApiRequest(): {
  cookies: Pick<CookieJar, "get">;
  headers: Pick<Headers, "get">;
} | null {
  const jar = current.getStore();
  return jar ? { cookies: jar, headers: jar.request.headers } : null;
}

/** Runs an API handler with its request's cookies at hand, and sets what it set on its reply. */
export async function withReplyCookies(
  request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  const jar = new ReplyCookies(request);
  return jar.applyTo(await current.run(jar, handle));
}
