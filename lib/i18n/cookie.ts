import "server-only";
import { getEnv } from "@/lib/env";
import { requestCookies } from "@/lib/http/cookies";
import type { Locale } from "./locales";

// The picker's choice, kept in the browser so every page knows the language without asking the
// database: set by the picker (signed in or not) and, at each sign-in, from the account's saved
// choice (lib/auth/redeem.ts). It grants nothing; a forged one only changes the page's language.

/** A year: a language choice is for good, and each visit from a sign-in renews it. */
export const LOCALE_COOKIE_SECONDS = 365 * 24 * 60 * 60;

export const LOCALE_COOKIE = "twostep_locale";

export async function setLocaleCookie(locale: Locale): Promise<void> {
  (await requestCookies()).set(LOCALE_COOKIE, locale, {
    httpOnly: true,
    secure: getEnv().appUrl.startsWith("https:"),
    sameSite: "lax",
    path: "/",
    maxAge: LOCALE_COOKIE_SECONDS,
  });
}
