import "server-only";
import { LOCALE_COOKIE } from "@/lib/i18n/cookie";
import {
  DEFAULT_LOCALE,
  negotiateLocale,
  type Locale,
} from "@/lib/i18n/locales";
import { currentApiRequest } from "@/lib/http/cookies";

/**
 * This API request's language, read at once, so a reply is worded where it is made (fail() is not
 * async): the picker's cookie, else the browser's Accept-Language, else English, as
 * requestLocale() decides for a page. English outside an API handler.
 */
export function apiRequestLocale(): Locale {
  const request = currentApiRequest();
  if (!request) return DEFAULT_LOCALE;
  return negotiateLocale({
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get("accept-language"),
  });
}
