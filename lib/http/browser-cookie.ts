import "server-only";
import { requestCookies } from "@/lib/http/cookies";
import { BROWSER_COOKIE_SECONDS } from "@/lib/devices/browser-policy";
import { getEnv } from "@/lib/env";

// The browser's own random token, so the account can tell a browser it has signed in from before
// (lib/devices/known-browsers.ts). httpOnly (scripts cannot read it), and on https the __Host-
// prefix keeps subdomains from planting or overwriting it. It grants nothing by itself.

const secure = () => getEnv().appUrl.startsWith("https:");
export const browserCookieName = () =>
  secure() ? "__Host-twostep_browser" : "twostep_browser";

/** For next-auth's authorize(), which sees raw request headers rather than next/headers. */
export function browserTokenFromCookieHeader(
  header: string | undefined,
): string | null {
  const name = browserCookieName(); // letters, digits, "_" and "-": nothing to escape
  const match = header?.match(
    new RegExp(`(?:^|;\\s*)${name}=([\\w-]{43})(?:;|$)`),
  );
  return match?.[1] ?? null;
}

/** Sets (or renews for another full lifetime) this browser's token on the reply. */
export async function setBrowserCookie(token: string): Promise<void> {
  (await requestCookies()).set(browserCookieName(), token, {
    httpOnly: true,
    secure: secure(),
    sameSite: "lax",
    path: "/",
    maxAge: BROWSER_COOKIE_SECONDS,
  });
}
