import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { applyMigrations } from "../../lib/db/migrations";
import { E2E_DATABASE_URL } from "./servers";

// A clean database of its own for the end-to-end run, migrated from the committed migrations.
// Run before Playwright (see "test:e2e"): its servers need the tables from their first request.
async function prepareE2eDatabase() {
  const url = new URL(E2E_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new Client({
    connectionString: new URL("/postgres", url).toString(),
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [name],
    );
    if (!rowCount)
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  await db
    .query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    .finally(() => db.end());
  await applyMigrations(new PrismaPg({ connectionString: E2E_DATABASE_URL }));
}

prepareE2eDatabase().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
