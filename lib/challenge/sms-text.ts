import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { smsWords } from "@/lib/i18n/catalogues/core";

/**
 * The SMS body, in the challenge's language (English when it has none). Its last line is the
 * WebOTP origin-bound line (`@host #code`), which lets Chrome and Safari offer the code to this
 * site only; it is the same in every language. Every language's body, WebOTP line included, fits
 * one GSM-7 segment (lib/challenge/sms-text.test.ts).
 */
export function smsText(
  code: string,
  appUrl: string,
  ttlSeconds: number,
  locale: Locale | null = null,
): string {
  const host = new URL(appUrl).hostname;
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  const t = smsWords(locale ?? DEFAULT_LOCALE);
  return `${t("code", { code, minutes })}\n\n@${host} #${code}`;
}
