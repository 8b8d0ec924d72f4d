import "server-only";
import en from "../messages/en/errors.json";
import fr from "../messages/fr/errors.json";
import es from "../messages/es/errors.json";
import de from "../messages/de/errors.json";
import ptBR from "../messages/pt-BR/errors.json";
import type { Locale } from "../locales";
import { translatorFor } from "../translate";

/** Every language's Errors catalogue; English types the others. */
export const ERRORS_WORDS: Record<Locale, typeof en> = {
  en,
  fr,
  es,
  de,
  "pt-BR": ptBR,
};

/** The Errors namespace in one language. */
export const errorWords = (locale: Locale) =>
  translatorFor(locale, ERRORS_WORDS[locale], "Errors");
