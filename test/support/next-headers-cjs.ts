import Module, { createRequire } from "node:module";

// next-auth's App Router handler reads `require("next/headers")` from CommonJS, which vi.mock does
// not reach and which throws outside a Next request. This puts a stand-in for that module into
// Node's require cache, answering with the headers and cookies of the request being handled, so
// the real route (app/api/auth/[...nextauth]/route.ts) runs in-process.

const require = createRequire(import.meta.url);
let current: Request = new Request("http://localhost/");

function parseCookies(header: string | null) {
  return (header ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.includes("="))
    .map((part) => {
      const at = part.indexOf("=");
      return { name: part.slice(0, at), value: decode(part.slice(at + 1)) };
    });
}

// Next decodes cookie values (next-auth's CSRF cookie holds an encoded "|").
function decode(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function installNextHeadersForCjs(): void {
  const path = require.resolve("next/headers");
  const stand = new Module(path);
  stand.filename = path;
  stand.loaded = true;
  stand.exports = {
    headers: async () => new Headers(current.headers),
    cookies: async () => {
      const all = parseCookies(current.headers.get("cookie"));
      return {
        getAll: () => all,
        get: (name: string) => all.find((c) => c.name === name),
      };
    },
  };
  require.cache[path] = stand;
}

/** Makes `request` the one next/headers describes, then runs `handle` with it. */
export function withRequest<T>(request: Request, handle: () => T): T {
  current = request;
  return handle();
}
