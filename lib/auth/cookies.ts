import type { CookieOption, CookiesOptions } from "next-auth";

// next-auth's cookies, named and flagged by the public origin. Over https each carries the
// `__Host-` prefix (ASVS 5.0 3.3.1, 3.3.3): the browser then accepts it only with Secure, Path=/
// and no Domain, so no sibling subdomain can set or overwrite it. Over http (local development,
// the end-to-end run) browsers refuse Secure cookies, so the plain names stay.

const NAMES: Record<keyof CookiesOptions, string> = {
  sessionToken: "next-auth.session-token",
  callbackUrl: "next-auth.callback-url",
  csrfToken: "next-auth.csrf-token",
  pkceCodeVerifier: "next-auth.pkce.code_verifier",
  state: "next-auth.state",
  nonce: "next-auth.nonce",
};

/** next-auth's own lifetime for the OAuth helper cookies (unused by the credentials sign-in). */
const HELPER_COOKIE_MAX_AGE_SECONDS = 15 * 60;

export function authCookies(appUrl: string): {
  useSecureCookies: boolean;
  cookies: CookiesOptions;
} {
  const secure = appUrl.startsWith("https:");
  const cookie = (
    key: keyof CookiesOptions,
    extra: Partial<CookieOption["options"]> = {},
  ): CookieOption => ({
    name: secure ? `__Host-${NAMES[key]}` : NAMES[key],
    // No domain, ever: a __Host- cookie with one is refused, and a plain one would leak to subdomains.
    options: { httpOnly: true, sameSite: "lax", path: "/", secure, ...extra },
  });
  const helper = { maxAge: HELPER_COOKIE_MAX_AGE_SECONDS };
  return {
    useSecureCookies: secure,
    cookies: {
      sessionToken: cookie("sessionToken"),
      callbackUrl: cookie("callbackUrl"),
      csrfToken: cookie("csrfToken"),
      pkceCodeVerifier: cookie("pkceCodeVerifier", helper),
      state: cookie("state", helper),
      nonce: cookie("nonce"),
    },
  };
}
