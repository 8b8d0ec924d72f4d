import type { Locale } from "./locales";
import type { Messages } from "./messages";

// next-intl's typed keys: every t("…") and getTranslations("…") is checked against the English
// catalogue, and `locale` is one of ours.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
