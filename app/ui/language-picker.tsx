import { getLocale, getTranslations } from "next-intl/server";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import styles from "./language-picker.module.css";

/**
 * A labelled list of our languages, each named in itself, and a button that posts the choice to
 * `action` (the account's route when signed in, the browser's otherwise), which answers by
 * reloading the page in it. A plain form on purpose: it works before the page's script arrives,
 * or without one, and choosing in the list alone changes nothing until the button is pressed.
 */
export async function LanguagePicker({
  id,
  action,
  selected,
}: {
  /** Unique on the page: the footer and the account page each have a picker. */
  id: string;
  action: string;
  /** The language shown as chosen; the page's by default. */
  selected?: Locale;
}) {
  const t = await getTranslations("LanguagePicker");
  const chosen = selected ?? (await getLocale());
  return (
    <form method="post" action={action} className={styles.picker}>
      <label htmlFor={id}>{t("label")}</label>
      <select id={id} name="locale" defaultValue={chosen}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
      {/* eslint-disable-next-line no-restricted-syntax -- the one button meant to post natively: live in the server's HTML, it is what makes the picker work without a script. */}
      <button type="submit" className="secondary">
        {t("submit")}
      </button>
    </form>
  );
}

/** The site footer: the language picker, on every page. */
export function SiteFooter({ signedIn }: { signedIn: boolean }) {
  return (
    <footer className={styles.footer}>
      <LanguagePicker
        id="footer-language"
        action={signedIn ? "/api/account/language" : "/api/language"}
      />
    </footer>
  );
}
