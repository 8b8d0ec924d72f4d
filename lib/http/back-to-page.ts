import "server-only";
import { getEnv } from "@/lib/env";
import { requestHeaders } from "./cookies";
import { safeRedirectPath } from "./safe-redirect";

/**
 * A plain form's answer: 303 back to the page it was posted from (its Referer, when that is a
 * page of this site; the home page otherwise), which the browser then loads with a GET.
 */
export async function backToPage(): Promise<Response> {
  const referer = (await requestHeaders()).get("referer");
  let path = "/";
  if (referer) {
    try {
      const from = new URL(referer);
      const ours = new URL(getEnv().appUrl);
      if (from.origin === ours.origin)
        path = safeRedirectPath(`${from.pathname}${from.search}`, "/");
    } catch {
      // an unreadable Referer: the home page
    }
  }
  return new Response(null, {
    status: 303,
    headers: { location: path, "cache-control": "no-store" },
  });
}
