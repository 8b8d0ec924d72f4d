import { cp, mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

// The benchmark builds a staged copy of the app, never the product tree: its own routes (bench/app,
// overlaid onto the copy's app/) then exist in the bench build only, and a normal `next build` has
// no trace of them — no flag, no 404 stubs. The copy's node_modules is a symlink to the project's,
// so Turbopack's root is the project (a root at the copy refuses a link that leaves it).
// The copy lives in .next/cache, which git, ESLint, Prettier and tsc already ignore and which
// `next build` keeps when it cleans .next. Under node_modules/.cache Turbopack would not build it:
// it treats files inside node_modules as packages and fails on instrumentation.ts.

export const ROOT = process.cwd();
export const STAGE_DIR = path.join(ROOT, ".next/cache/twostep-bench/src");

/** What a build reads, besides node_modules. Tests are left out; Next would ignore them anyway. */
const SOURCES = [
  "app",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "proxy.ts",
  "next.config.js",
  "next-env.d.ts",
  "package.json",
  "tsconfig.json",
];

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/**
 * Set to "0" in a server's environment: that `next start` loads each route on its first request
 * only, as a serverless function does, instead of loading every route of the app as it starts.
 */
export const PRELOAD_ENTRIES_VAR = "BENCH_PRELOAD_ENTRIES";

// The product's config, unchanged, plus what only this build wants: types are checked by
// `npm run typecheck`, not again here. `next start` reads this file again when it starts, so
// the preload switch is the server's, not the build's.
const STAGED_CONFIG = `const product = require("./next.config.product.js");
module.exports = async (...args) => {
  const config = typeof product === "function" ? await product(...args) : product;
  return {
    ...config,
    experimental: {
      ...config.experimental,
      preloadEntriesOnStart: process.env.${PRELOAD_ENTRIES_VAR} !== "0",
    },
    typescript: { ...config.typescript, ignoreBuildErrors: true },
    turbopack: { ...config.turbopack, root: ${JSON.stringify(ROOT)} },
    outputFileTracingRoot: ${JSON.stringify(ROOT)},
  };
};
`;

/** Replaces the staged sources; the staged build's own .next stays, with Turbopack's cache. */
export async function stageSources() {
  await mkdir(STAGE_DIR, { recursive: true });
  for (const name of await readdir(STAGE_DIR))
    if (name !== ".next")
      await rm(path.join(STAGE_DIR, name), { recursive: true, force: true });
  for (const name of SOURCES)
    await cp(path.join(ROOT, name), path.join(STAGE_DIR, name), {
      recursive: true,
      filter: (src) => !isTest(src),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  await cp(path.join(ROOT, "bench/app"), path.join(STAGE_DIR, "app"), {
    recursive: true,
    errorOnExist: true,
    force: false,
  });
  await cp(
    path.join(STAGE_DIR, "next.config.js"),
    path.join(STAGE_DIR, "next.config.product.js"),
  );
  await writeFile(path.join(STAGE_DIR, "next.config.js"), STAGED_CONFIG);
  await symlink(
    path.join(ROOT, "node_modules"),
    path.join(STAGE_DIR, "node_modules"),
  );
}
