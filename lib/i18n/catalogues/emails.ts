import "server-only";
import en from "../messages/en/emails.json";
import fr from "../messages/fr/emails.json";
import es from "../messages/es/emails.json";
import de from "../messages/de/emails.json";
import ptBR from "../messages/pt-BR/emails.json";
import type { Locale } from "../locales";
import { translatorFor } from "../translate";

/** Every language's Emails catalogue; English types the others. */
export const EMAILS_WORDS: Record<Locale, typeof en> = {
  en,
  fr,
  es,
  de,
  "pt-BR": ptBR,
};

/** The Emails namespace in one language. */
export const emailWords = (locale: Locale) =>
  translatorFor(locale, EMAILS_WORDS[locale], "Emails");
