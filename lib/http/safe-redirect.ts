// Any fixed origin will do: a path is accepted only if it resolves back onto it.
const BASE = "http://twostep.invalid";

/**
 * Only same-origin paths: "/account" yes; "//evil.example", "https://…", "/.//evil.example",
 * "/%5C/evil.example" no. The input is resolved first and the result is what gets checked and
 * returned, so dot segments, backslashes and stripped tabs cannot turn an accepted path into a
 * protocol-relative one afterwards.
 */
export function safeRedirectPath(
  value: string | null | undefined,
  fallback = "/account",
): string {
  if (!value?.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !staysOnThisSite(url.pathname)) return fallback;
  return `${url.pathname}${url.search}`;
}

// A path that a later decode (a proxy, a framework, a second redirect) would read as "//host" or
// "/\host" is refused too: every level of percent-decoding must still start with one plain slash.
function staysOnThisSite(pathname: string): boolean {
  let path = pathname;
  for (;;) {
    const seen = path.replace(/[\t\n\r]/g, "");
    if (seen.startsWith("//") || seen.startsWith("/\\")) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return false; // a malformed escape is no path this app links to
    }
    if (decoded === path) return true;
    path = decoded; // strictly shorter each round, so the loop ends
  }
}
