import { getRequestConfig } from "next-intl/server";
import { MESSAGES } from "./messages";
import { requestLocale } from "./request-locale";

// next-intl without i18n routing: no locale in any URL (bookmarks, the outbox contract and the API
// stay as they are); each request's language comes from its cookie or its browser instead.
// Dates are shown in UTC, as the pages have always shown them, until a person can pick a zone.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});
