import { createTranslator } from "next-intl";
import de from "./messages/de.json";
import en from "./messages/en.json";
import es from "./messages/es.json";
import fr from "./messages/fr.json";
import ptBR from "./messages/pt-BR.json";
import type { Locale } from "./locales";

// One catalogue per language (lib/i18n/messages/<locale>.json); English is the reference whose
// keys type every other (lib/i18n/app-config.ts) and that test/i18n-catalogues.test.ts holds
// them to, placeholders included. Five small files: every server bundle carries them all.

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = {
  en,
  fr,
  es,
  de,
  "pt-BR": ptBR,
};

/** Texts and calls, composed outside React (no request): the translator of one namespace. */
export function translatorFor<N extends keyof Messages>(
  locale: Locale,
  namespace: N,
) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}
