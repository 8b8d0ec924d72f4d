import { CONTEXT_WORD_MIN_LENGTH, PRODUCT_NAME } from "./policy";

// ASVS 5.0 6.1.2 / 6.2.11: a password must not contain the product's name, the site's domain or
// the person's own email name, the first things a targeted guess tries.

/** Lower-cased letters and digits only, so "Two-Step 2025" still contains "twostep". */
const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The context words for one person on one site, normalised and long enough to matter. */
export function passwordContextWords(context: {
  email?: string;
  appHost: string;
}): string[] {
  const words = [PRODUCT_NAME];
  const host = context.appHost.toLowerCase().replace(/^www\./, "");
  if (!/^[\d.]+$|:/.test(host)) {
    const labels = host.split(".");
    // The whole host, and each name in it but the top-level domain: "twostep-demo.example.com"
    // gives "twostep-demo.example.com", "twostep-demo" and "example".
    words.push(host, ...(labels.length > 1 ? labels.slice(0, -1) : labels));
  }
  if (context.email) {
    const local = context.email.split("@")[0]!;
    words.push(local, local.split("+")[0]!); // "ann+shop@…" → "ann+shop" and "ann"
  }
  return [...new Set(words.map(letters))].filter(
    (w) => w.length >= CONTEXT_WORD_MIN_LENGTH,
  );
}

export function containsContextWord(password: string, words: string[]) {
  const normalised = letters(password);
  return words.some((word) => normalised.includes(word));
}
