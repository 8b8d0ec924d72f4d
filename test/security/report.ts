import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { formatFigures, type RecordedFigure } from "./figures";

// Global setup of `npm run test:security`: creates its database if missing (the shared setup then
// migrates it), gives the figures files somewhere to write their rows, and prints every row as
// one table when the run ends (the assertions live in the tests).
export default async function setup(project: TestProject) {
  await createDatabase(process.env.TEST_DATABASE_URL!);
  const dir = mkdtempSync(join(tmpdir(), "twostep-figures-"));
  const file = join(dir, "rows.jsonl");
  writeFileSync(file, "");
  project.provide("figuresFile", file);
  return () => {
    const rows = readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedFigure)
      // Files finish in any order: a section's rows go by the file that recorded them (a stable
      // sort keeps each file's own order).
      .sort(
        (a, b) =>
          rank(a.section) - rank(b.section) || a.source.localeCompare(b.source),
      );
    rmSync(dir, { recursive: true, force: true });
    const failed = rows.filter((r) => !r.ok).length;
    console.log(
      `\nTwostep security figures (${rows.length} rows, ${failed} not as expected)\n\n${formatFigures(rows)}\n`,
    );
  };
}

/** The order; sections not listed go last. */
const ORDER = [
  "race",
  "wrong guesses",
  "wrong codes per account",
  "sends per number",
  "owner not locked out",
  "client addresses",
  "fuzz",
  "forged webhooks",
  "bodies, calls, callbacks, cookie",
  "faults: Plivo",
  "faults: store/DB",
];
const rank = (section: string) =>
  (ORDER.indexOf(section) + ORDER.length + 1) % (ORDER.length + 1);

async function createDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [name],
    );
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
