import { Client } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "@/lib/db/migrations";

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function runSql(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * For the vitest global setup: a clean `test` database migrated from the
 * committed migrations, exactly as production gets them.
 */
export async function prepareTestDatabase(): Promise<void> {
  await runSql("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  await applyMigrations(new PrismaPg({ connectionString: TEST_DATABASE_URL }));
}

/** Empties the app's tables between tests; the schema and migrations stay. */
export async function resetTables(): Promise<void> {
  await runSql("TRUNCATE users, phones, auth_events CASCADE");
}
