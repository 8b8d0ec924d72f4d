import { PASSKEY_NAME_MAX_CHARS } from "./policy";

// A passkey's name is typed by whoever holds the session, then repeated to the owner in security
// notices (email and text). Whoever types it must not be able to write the owner a message: no
// line breaks or invisible characters that reorder or hide text, and nothing a mail or SMS app
// would turn into a link.

/** Control characters and line or paragraph separators: read as a space. */
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
/** Format characters (bidi overrides, zero-width joiners and spaces, soft hyphens): dropped. */
const INVISIBLE = /\p{Cf}/gu;

/** The dots browsers and mail apps take as a host's label separator. */
const DOT = "[.\u3002\uFF0E\uFF61]";
/** A scheme (`https://`), a dotted host (`evil.example`, `a.b.c.d`) or a mail address. */
const ADDRESS = new RegExp(
  `://|[\\p{L}\\p{N}_-]${DOT}[\\p{L}\\p{N}_-]*\\p{L}|\\d${DOT}\\d+${DOT}\\d|@[\\p{L}\\p{N}]`,
  "u",
);

/** The name as it is stored: compatibility forms folded, one line, single spaces, trimmed. */
export function cleanPasskeyName(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(BREAKS, " ")
    .replace(INVISIBLE, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** Whether a cleaned name reads as a web or mail address (refused: a notice would link to it). */
export function looksLikeAddress(name: string): boolean {
  return ADDRESS.test(name);
}

/**
 * The name as a notice repeats it, or null when it must not be repeated (a name stored before
 * names were cleaned, that reads as an address or is empty once cleaned).
 */
export function passkeyNameForNotice(name: string): string | null {
  const clean = cleanPasskeyName(name).replace(/"/g, "'");
  if (!clean || looksLikeAddress(clean)) return null;
  return clean.length > PASSKEY_NAME_MAX_CHARS
    ? `${clean.slice(0, PASSKEY_NAME_MAX_CHARS - 1)}…`
    : clean;
}
