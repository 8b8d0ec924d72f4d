import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { voiceWords } from "@/lib/i18n/catalogues/core";

// Plivo XML for the voice fallback. Plain <Speak> (no SSML) works with every Plivo voice; the pauses
// come from full stops between the digits.

/** The call says the whole message (which already repeats the code) twice: callers miss the start. */
export const SPOKEN_CODE_LOOPS = 2;

/**
 * The `language` of <Speak> for each of ours. Plivo's XML reference for <Speak> (its table of
 * supported languages) lists en-US, fr-FR, es-ES, de-DE and pt-BR, each with a WOMAN voice and a
 * MAN one; WOMAN, Plivo's default voice, is what English calls have always used.
 */
export const SPEAK_LANGUAGES: Record<Locale, string> = {
  en: "en-US",
  fr: "fr-FR",
  es: "es-ES",
  de: "de-DE",
  "pt-BR": "pt-BR",
};
export const SPEAK_VOICE = "WOMAN";

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** With `locale`, the words are spoken by Plivo's voice for that language. */
export function buildSpeakXml(
  text: string,
  { loop = 1, locale }: { loop?: number; locale?: Locale } = {},
): string {
  if (!Number.isInteger(loop) || loop < 0)
    throw new RangeError("loop must be a whole number ≥ 0");
  // Only one of ours names a voice: no other value, however it got here, reaches the XML.
  const voice =
    locale && Object.hasOwn(SPEAK_LANGUAGES, locale)
      ? ` voice="${SPEAK_VOICE}" language="${escapeXml(SPEAK_LANGUAGES[locale])}"`
      : "";
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Speak loop="${loop}"${voice}>${escapeXml(text)}</Speak></Response>`
  );
}

/** Words and Plivo XML that read a numeric code digit by digit, twice per loop, in `locale`. */
export function spokenCode(
  code: string,
  locale: Locale = DEFAULT_LOCALE,
): { text: string; xml: string } {
  // Only digits may ever reach the call: anything else is a bug upstream, not something to speak.
  if (!/^\d+$/.test(code))
    throw new TypeError("a spoken code must be digits only");
  const digits = code.split("").join(". ");
  const text = voiceWords(locale)("code", { digits });
  return {
    text,
    xml: buildSpeakXml(text, { loop: SPOKEN_CODE_LOOPS, locale }),
  };
}

/** What a call says when it has no code to read ("expired", "tryAgain"), in `locale`. */
export function spokenNotice(
  notice: "expired" | "tryAgain",
  locale: Locale,
): string {
  const text = voiceWords(locale)(notice);
  return buildSpeakXml(text, { locale });
}
