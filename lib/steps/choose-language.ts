import "server-only";
import { saveLocale } from "@/lib/account/locale";
import type { AccountContext } from "@/lib/context";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The language picker, signed in: the choice is saved with the account, so texts and calls come in
 * it and every later sign-in brings it to that browser. Not a security change: nothing ends and
 * no notice goes out. (This browser's cookie is the route's to set.)
 */
export async function chooseLanguage(
  ctx: AccountContext,
  locale: Locale,
): Promise<void> {
  await saveLocale(ctx.user.id, locale);
}
