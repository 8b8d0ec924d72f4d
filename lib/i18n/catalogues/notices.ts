import "server-only";
import en from "../messages/en/notices.json";
import fr from "../messages/fr/notices.json";
import es from "../messages/es/notices.json";
import de from "../messages/de/notices.json";
import ptBR from "../messages/pt-BR/notices.json";
import type { Locale } from "../locales";

/** Every language's Notices catalogue; English types the others. */
export const NOTICES_WORDS: Record<Locale, typeof en> = {
  en,
  fr,
  es,
  de,
  "pt-BR": ptBR,
};
