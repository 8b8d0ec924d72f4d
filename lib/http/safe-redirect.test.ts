import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ESCAPING_PATHS } from "@/test/support/redirect-attacks";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each(ESCAPING_PATHS)("falls back for the escape %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/account");
  });

  it.each(["account", "", "/100%", null, undefined])(
    "falls back for %j, which is no path",
    (value) => {
      expect(safeRedirectPath(value)).toBe("/account");
    },
  );

  it("keeps a same-origin path with its query", () => {
    expect(safeRedirectPath("/account?x=1")).toBe("/account?x=1");
  });

  it("returns the resolved path, not the raw input", () => {
    expect(safeRedirectPath("/./account/../account?x=1")).toBe("/account?x=1");
    expect(safeRedirectPath("/a\\b")).toBe("/a/b");
  });

  it("keeps an encoded slash inside a path", () => {
    expect(safeRedirectPath("/files/a%2Fb")).toBe("/files/a%2Fb");
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
  });

  // Pieces an attacker combines: slashes, backslashes, dot segments, their encodings, and the
  // characters URL parsers strip.
  const piece = fc.constantFrom(
    "/",
    "\\",
    ".",
    "..",
    "%2e",
    "%2E",
    "%2f",
    "%2F",
    "%5c",
    "%5C",
    "%25",
    "\t",
    "\n",
    " ",
    "%09",
    ":",
    "@",
    "?",
    "#",
    "evil.example",
    "account",
    "https:",
  );
  const attempt = fc
    .array(piece, { maxLength: 12 })
    .map((parts) => parts.join(""));

  it("never returns a path that leaves the site, whatever the pieces", () => {
    fc.assert(
      fc.property(fc.oneof(attempt, fc.string()), (value) => {
        const path = safeRedirectPath(value);
        const site = "https://app.example";
        // A browser resolves it from the code page; a second pass (login → code page) keeps it.
        expect(new URL(path, `${site}/verify?x=1`).origin).toBe(site);
        expect(path.startsWith("//") || path.startsWith("/\\")).toBe(false);
        expect(safeRedirectPath(path)).toBe(path);
      }),
      { numRuns: 5000 },
    );
  });
});
