import { getLocale, getTranslations } from "next-intl/server";
import { LanguagePicker } from "@/app/ui/language-picker";
import { asLocale } from "@/lib/i18n/locales";
import styles from "./remembered-devices.module.css";

/**
 * "Language" on the account page: which language is saved with the account (its pages after each
 * sign-in, the texts and calls to its phone), and the picker to change it.
 */
export async function AccountLanguage({ saved }: { saved: string | null }) {
  const [t, locale] = await Promise.all([
    getTranslations("AccountLanguage"),
    getLocale(),
  ]);
  const choice = asLocale(saved);
  // The saved language named in the page's own, as a sentence of it needs ("en allemand").
  const names = new Intl.DisplayNames([locale], { type: "language" });
  return (
    <section className={styles.devices} aria-labelledby="language-heading">
      <h3 id="language-heading">{t("heading")}</h3>
      <p className={styles.status}>
        {choice
          ? t("saved", { language: names.of(choice) ?? choice })
          : t("notSaved")}
      </p>
      <LanguagePicker
        id="account-language"
        action="/api/account/language"
        selected={choice ?? locale}
      />
    </section>
  );
}
