import "server-only";
import { cache } from "react";
import { requestCookies, requestHeaders } from "@/lib/http/cookies";
import { LOCALE_COOKIE } from "./cookie";
import { negotiateLocale, type Locale } from "./locales";

/**
 * This request's language: the picker's cookie (which also carries a signed-in person's saved
 * choice, set at sign-in and whenever they choose), else the browser's `Accept-Language`, else
 * English. No database read: a page or a step costs no query for it. Once per request.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const [jar, sent] = await Promise.all([requestCookies(), requestHeaders()]);
  return negotiateLocale({
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: sent.get("accept-language"),
  });
});
