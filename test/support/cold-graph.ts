import { eagerImports, isApiRoute, packageOf, resolveIn } from "./import-rules";

// A serverless function loads its route's whole static graph on its cold start. Some packages
// cost far more there than their use is worth to a route handler.

/**
 * Packages (and Next's entries) that load React, and with it Next's page renderer (tens of ms of a
 * cold start). Next's other entries are counted by entry: `next/server` is a route handler's own.
 */
export const REACT_PACKAGES = [
  "react",
  "react-dom",
  "next-intl",
  "use-intl",
  "next/navigation",
  "next/headers",
  "next/link",
  "next/dynamic",
  "next/image",
];

/** A file's static imports, each file read once for every route that reaches it. */
function eagerImportsOf(files: ReadonlyMap<string, string>) {
  const known = new Map<string, string[]>();
  return (file: string) => {
    let found = known.get(file);
    if (!found) known.set(file, (found = eagerImports(files.get(file) ?? "")));
    return found;
  };
}

/**
 * The packages a file loads as soon as it loads: through its static imports and theirs, across the
 * repository's files, each with the first file found importing it. import() is not followed.
 */
export function coldPackages(
  files: ReadonlyMap<string, string>,
  entry: string,
  importsOf = eagerImportsOf(files),
): Map<string, string> {
  const packages = new Map<string, string>();
  const reached = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    for (const spec of importsOf(file)) {
      const pkg = spec.startsWith("next/")
        ? spec.replace(/\.js$/, "")
        : packageOf(spec);
      if (pkg) {
        if (!packages.has(pkg)) packages.set(pkg, file);
        continue;
      }
      const target = resolveIn(files, file, spec);
      if (!target || reached.has(target)) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  return packages;
}

/** What an API route's cold start loads that a route handler must not: React's packages. */
export function coldRouteViolations(
  files: ReadonlyMap<string, string>,
): string[] {
  const found: string[] = [];
  const importsOf = eagerImportsOf(files);
  for (const route of [...files.keys()].filter(isApiRoute))
    for (const [pkg, by] of coldPackages(files, route, importsOf))
      if (REACT_PACKAGES.includes(pkg))
        found.push(`${route} loads ${pkg} on its cold start (through ${by})`);
  return found;
}
