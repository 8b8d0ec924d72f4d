import "server-only";
import en from "../messages/en/core.json";
import fr from "../messages/fr/core.json";
import es from "../messages/es/core.json";
import de from "../messages/de/core.json";
import ptBR from "../messages/pt-BR/core.json";
import type { Locale } from "../locales";
import { translatorFor } from "../translate";

/** Every language's Core catalogue; English types the others. */
export const CORE_WORDS: Record<Locale, typeof en> = {
  en,
  fr,
  es,
  de,
  "pt-BR": ptBR,
};

/** The code's text message in one language. */
export const smsWords = (locale: Locale) =>
  translatorFor(locale, CORE_WORDS[locale].Sms, "Sms");

/** The voice calls' words in one language. */
export const voiceWords = (locale: Locale) =>
  translatorFor(locale, CORE_WORDS[locale].Voice, "Voice");
