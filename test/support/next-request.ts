// A stand-in for "next/headers" so route handlers run in vitest, plus a request builder.
// Use it as the mock module itself:
//   vi.mock("next/headers", () => import("@/test/support/next-request"));
// then call a route's exported POST with jsonRequest(...). One browser's cookies live in
// cookieJar; clear it to start as a new person.

export const cookieJar = new Map<string, string>();

type CookieInput = string | { name: string; value: string };

export async function cookies() {
  return {
    get: (name: string) =>
      cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined,
    has: (name: string) => cookieJar.has(name),
    set: (nameOrCookie: CookieInput, value?: string) => {
      if (typeof nameOrCookie === "string")
        cookieJar.set(nameOrCookie, value ?? "");
      else cookieJar.set(nameOrCookie.name, nameOrCookie.value);
    },
    delete: (name: string) => cookieJar.delete(name),
  };
}

export async function headers() {
  return new Headers();
}

/** A same-origin JSON POST, from `ip` when given (as Vercel's x-forwarded-for). */
export function jsonRequest(
  path: string,
  body: unknown,
  options: { ip?: string } = {},
): Request {
  const h = new Headers({ "content-type": "application/json" });
  if (options.ip) h.set("x-forwarded-for", options.ip);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: h,
    body: JSON.stringify(body),
  });
}
