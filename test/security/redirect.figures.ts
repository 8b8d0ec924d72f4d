import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { ESCAPING_PATHS } from "@/test/support/redirect-attacks";
import { recordExact } from "./figures";

// The page to return to after the code comes from the URL (?callbackUrl=…), so anyone can craft
// it. Each attack is passed through the check the sign-in and code pages use, then resolved the
// way the browser resolves it from the code page: an escape is a result on another origin.

const SECTION = "open redirect";
const SITE = "https://app.example";
const GENERATED = 10_000;

// A result the browser cannot even resolve counts as an escape too: it is no path on this site.
function escapes(value: string): boolean {
  try {
    const from = `${SITE}/verify?callbackUrl=x`;
    return new URL(safeRedirectPath(value), from).origin !== SITE;
  } catch {
    return true;
  }
}

// Slashes, backslashes, dot segments, their encodings and the characters URL parsers strip.
const attempt = fc
  .array(
    fc.constantFrom(
      "/",
      "\\",
      ".",
      "..",
      "%2e",
      "%2f",
      "%5c",
      "%25",
      "\t",
      "\n",
      "%09",
      ":",
      "@",
      "evil.example",
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => `/${parts.join("")}`);

describe("open redirect", () => {
  it("sends no crafted return address to another site", () => {
    const known = ESCAPING_PATHS.filter(escapes).length;
    const generated = fc
      .sample(attempt, { numRuns: GENERATED, seed: 1 })
      .filter(escapes).length;
    recordExact(
      SECTION,
      `known attack return addresses that leave the site (of ${ESCAPING_PATHS.length})`,
      known,
      0,
    );
    recordExact(
      SECTION,
      `generated return addresses that leave the site (of ${GENERATED})`,
      generated,
      0,
    );
    expect({ known, generated }).toEqual({ known: 0, generated: 0 });
  });
});
