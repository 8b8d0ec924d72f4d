import path from "node:path";
import ts from "typescript";

// What may import what, checked on the source text. Product code (lib/, app/, instrumentation.ts,
// tests aside) never imports the harness (test/, bench/, e2e/); lib/ never imports app/; one file
// each may import the Plivo SDK, the Upstash client and nodemailer, so swapping a provider stays one file.
// Tests and the harness folders are free.

/** Packages only one product file may import. */
export const SOLE_IMPORTERS: Record<string, string> = {
  plivo: "lib/messaging/plivo.ts",
  "@upstash/redis": "lib/redis/client.ts",
  nodemailer: "lib/mail/smtp.ts",
};

const HARNESS = new Set(["test", "bench", "e2e"]);

export function isProductFile(file: string): boolean {
  if (/\.test\.tsx?$/.test(file) || file.startsWith("lib/generated/"))
    return false;
  return (
    /^(lib|app)\/.*\.(ts|tsx|mts|js|mjs)$/.test(file) ||
    file === "instrumentation.ts"
  );
}

/** The package an import names, or null for a file of this repository. */
function packageOf(spec: string): string | null {
  if (spec.startsWith(".") || spec.startsWith("@/")) return null;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The repository folder an import lands in ("lib", "app", "test", …). */
function topFolderOf(file: string, spec: string): string {
  const target = spec.startsWith("@/")
    ? spec.slice(2)
    : path.posix.join(path.posix.dirname(file), spec);
  return path.posix.normalize(target).split("/")[0]!;
}

/**
 * The rule's violations in one product file (its path from the repository root, with forward
 * slashes). Static imports, re-exports, import() and require() all count.
 */
export function importViolations(file: string, source: string): string[] {
  const found: string[] = [];
  const { importedFiles } = ts.preProcessFile(source, true, true);
  for (const { fileName: spec } of importedFiles) {
    const pkg = packageOf(spec);
    if (pkg) {
      const only = SOLE_IMPORTERS[pkg];
      if (only && file !== only)
        found.push(`${file} imports "${spec}": only ${only} may`);
      continue;
    }
    const top = topFolderOf(file, spec);
    if (HARNESS.has(top))
      found.push(
        `${file} imports "${spec}": product code never imports ${top}/`,
      );
    else if (top === "app" && file.startsWith("lib/"))
      found.push(`${file} imports "${spec}": lib/ never imports app/`);
  }
  return found;
}
