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

/**
 * Modules only some requests use, with what uses them. Product code loads each with import() at
 * the place it is used, never a static import: a serverless function loads its whole static graph
 * on its cold start, and these sit in the graph of routes that never use them (a code's verify
 * shares its dispatcher with the passkey step, every route reaches the database module). Type-only
 * imports are free.
 */
export const FIRST_USE_ONLY: Record<string, string> = {
  "@simplewebauthn/server": "a passkey ceremony (lib/factors/webauthn.ts)",
  nodemailer: "the first email sent over SMTP (lib/mail/smtp.ts)",
  uqr: "the authenticator's QR code (lib/steps/set-up-authenticator.ts)",
  "@upstash/ratelimit":
    "the password step's limits (lib/limits/login-upstash.ts)",
  "@/lib/generated/prisma/client": "the first getDb() (lib/db/index.ts)",
};

/**
 * In lib/, next/headers only through lib/http/cookies.ts's import(): it brings Next's page
 * renderer, which an API handler never needs (it reads its own request's cookies).
 */
export const LIB_NEXT_HEADERS = "next/headers";

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
  "lib/proof-of-work",
  "lib/security-changes",
  "lib/sessions",
  "lib/steps",
  "lib/store",
];

export const isApiRoute = (file: string) =>
  /^app\/api\/.*\/route\.tsx?$/.test(file);

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
export function packageOf(spec: string): string | null {
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

/** Imports that load a module as soon as the importing file loads: static, not of types only. */
export function eagerImports(source: string): string[] {
  const file = ts.createSourceFile("x.tsx", source, ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.importClause;
      const typesOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typesOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "require" &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A product file's static imports of what must load on first use only. */
export function firstUseViolations(file: string, source: string): string[] {
  const found: string[] = [];
  for (const spec of eagerImports(source)) {
    const pkg = spec.startsWith("@/") ? spec : packageOf(spec);
    if (pkg && pkg in FIRST_USE_ONLY)
      found.push(
        `${file} imports "${spec}" statically: it loads with import() at its use, ${FIRST_USE_ONLY[pkg]}`,
      );
    else if (spec === LIB_NEXT_HEADERS && file.startsWith("lib/"))
      found.push(
        `${file} imports "${spec}": lib/ reads cookies through lib/http/cookies.ts`,
      );
  }
  return found;
}

// Client components ("use client" files, and every file they load) run in the browser. Of lib/
// they may load only the modules named here: plain data and rules, none of which starts with
// `import "server-only"` or reaches a secret, a database or a provider. Type-only imports are
// erased before the browser sees them and may name any module.

/** The lib/ modules safe in the browser, and why client code needs each. */
export const CLIENT_SAFE_LIB: Record<string, string> = {
  "lib/errors.ts":
    "the messages of the error catalogue, shown as the server's reply says",
  "lib/phone/countries.ts": "the country list of the phone number fields",
  "lib/factors/policy.ts": "the longest passkey name the field accepts",
  "lib/password/policy.ts": "the longest password the fields accept",
  "lib/devices/policy.ts":
    "how many days a remembered device is remembered, for its box",
  "lib/account/recovery-policy.ts":
    "how long the recovery link works, said where it is asked for",
  "lib/email-links/policy.ts":
    "the email links' lifetimes, which the recovery link's policy names",
  "lib/i18n/dates.ts":
    "the recovery page's moment, written in its reader's language with Intl",
};

const SERVER_ONLY = /^\s*import\s+["']server-only["']/m;
const MODULE_SUFFIXES = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** Whether a file is a client component's entry: its first statement is "use client". */
export function isClientEntry(source: string): boolean {
  return /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(
    source,
  );
}

/** The modules a file loads when it runs: every import but those of types only. */
export function valueImports(source: string): string[] {
  const file = ts.createSourceFile("x.tsx", source, ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.importClause;
      const typesOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typesOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) &&
          node.expression.text === "require")) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The repository file an import of `spec` from `file` lands on, among `files`; null for a package. */
export function resolveIn(
  files: ReadonlyMap<string, string>,
  file: string,
  spec: string,
): string | null {
  if (!spec.startsWith(".") && !spec.startsWith("@/")) return null;
  const target = spec.startsWith("@/")
    ? spec.slice(2)
    : path.posix.join(path.posix.dirname(file), spec);
  for (const suffix of MODULE_SUFFIXES) {
    const candidate = path.posix.normalize(target + suffix);
    if (files.has(candidate)) return candidate;
  }
  return null; // a stylesheet or an image: nothing that runs
}

/**
 * The client rule's violations, given every product file's source by path: a lib/ module outside
 * CLIENT_SAFE_LIB loaded by a client component (directly or through another file), and an
 * allowlisted module that is gone or became server-only.
 */
export function clientImportViolations(
  files: ReadonlyMap<string, string>,
): string[] {
  const found: string[] = [];
  for (const safe of Object.keys(CLIENT_SAFE_LIB)) {
    const source = files.get(safe);
    if (source === undefined)
      found.push(`${safe} is allowed in client code but does not exist`);
    else if (SERVER_ONLY.test(source))
      found.push(`${safe} is allowed in client code but is server-only`);
  }
  const reached = new Set(
    [...files].filter(([, source]) => isClientEntry(source)).map(([f]) => f),
  );
  const queue = [...reached];
  while (queue.length) {
    const file = queue.pop()!;
    for (const spec of valueImports(files.get(file)!)) {
      const target = resolveIn(files, file, spec);
      if (!target || reached.has(target)) continue;
      if (target.startsWith("lib/") && !(target in CLIENT_SAFE_LIB)) {
        found.push(
          `${file} loads ${target} in the browser: client code may load only CLIENT_SAFE_LIB`,
        );
        continue;
      }
      reached.add(target);
      queue.push(target);
    }
  }
  return found;
}
