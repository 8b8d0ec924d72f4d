// The path of the page being rendered, which proxy.ts puts on the request: a server component has
// no other way to know it. Set by the proxy on every page request, over whatever the browser sent.
export const PAGE_PATH_HEADER = "x-twostep-page-path";

/** The operators' console: the only pages that call forbidden(). */
export function isConsolePath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin/");
}
