import path from "node:path";
import ts from "typescript";

// What may import what, checked on the source text. Product code (lib/, app/, instrumentation.ts,
// tests aside) never imports the harness (test/, bench/, e2e/); lib/ never imports app/; one file
// each may import the Plivo SDK, the Upstash client and nodemailer, so swapping a provider stays one file.
// Dependencies point one way: an API route declares its guards through lib/http's route shapes and
// imports no limits, notices or session checks itself; the rules and use cases below the edge never
// import lib/http or app/. Tests and the harness folders are free.

/** Packages only one product file may import. */
export const SOLE_IMPORTERS: Record<string, string> = {
  plivo: "lib/messaging/plivo.ts",
  "@upstash/redis": "lib/redis/client.ts",
  nodemailer: "lib/mail/smtp.ts",
};

const HARNESS = new Set(["test", "bench", "e2e"]);

/** What an API route leaves to its declared shape (lib/http/routes.ts). */
export const ROUTE_FORBIDDEN = [
  "lib/limits",
  "lib/notices",
  "lib/auth/session",
  "lib/auth/sign-in-time",
];

/** The rules and use cases: below the HTTP edge, they import neither lib/http nor app/. */
export const RULE_FOLDERS = [
  "lib/account",
  "lib/audit",
  "lib/challenge",
  "lib/context",
  "lib/devices",
  "lib/email-links",
  "lib/factors",
  "lib/limits",
  "lib/notices",
  "lib/password",
  "lib/security-changes",
  "lib/sessions",
  "lib/steps",
  "lib/store",
];

const isApiRoute = (file: string) => /^app\/api\/.*\/route\.tsx?$/.test(file);

/** Whether `target` (a path from the root, no extension) is `module` or inside it. */
const within = (target: string, module: string) =>
  target === module ||
  target.startsWith(`${module}/`) ||
  target.startsWith(`${module}.`) ||
  (target.startsWith(module) && /^[-\w]*$/.test(target.slice(module.length)));

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

/** The repository path an import lands on ("lib/http", "app/ui/field", …). */
function targetOf(file: string, spec: string): string {
  const target = spec.startsWith("@/")
    ? spec.slice(2)
    : path.posix.join(path.posix.dirname(file), spec);
  return path.posix.normalize(target);
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
    const target = targetOf(file, spec);
    const top = target.split("/")[0]!;
    if (HARNESS.has(top))
      found.push(
        `${file} imports "${spec}": product code never imports ${top}/`,
      );
    else if (top === "app" && file.startsWith("lib/"))
      found.push(`${file} imports "${spec}": lib/ never imports app/`);
    const forbidden = ROUTE_FORBIDDEN.find((m) => within(target, m));
    if (isApiRoute(file) && forbidden)
      found.push(
        `${file} imports "${spec}": a route declares its guards (lib/http/routes.ts)`,
      );
    if (RULE_FOLDERS.some((m) => within(file, m)) && within(target, "lib/http"))
      found.push(`${file} imports "${spec}": rules never import lib/http`);
  }
  return found;
}
