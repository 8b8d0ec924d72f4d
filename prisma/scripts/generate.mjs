// `prisma generate` without network: every prisma command first downloads the
// native schema engine, which generation does not use. A placeholder path
// skips the download (see /work/shared/notes/prisma-offline.md).
import { spawnSync } from "node:child_process";
import path from "node:path";

const env = { ...process.env };
// Also when run as plain `node`, not through npm (which adds this itself).
env.PATH = [path.resolve("node_modules/.bin"), env.PATH].join(path.delimiter);
env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

const result = spawnSync("prisma", ["generate", ...process.argv.slice(2)], {
  env,
  stdio: "inherit",
  shell: process.platform === "win32",
});
process.exit(result.status ?? 1);
