// npm run db:migrate:create -- <name>
// Writes the SQL that takes the committed migrations to schema.prisma as a new
// migration in Prisma's layout, without the network or a shadow database.
import { mkdir, writeFile, access } from "node:fs/promises";
import path from "node:path";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  diffMigrationsToSchema,
} from "../../lib/db/migrations";

function formatTimestamp(now: Date): string {
  // Prisma's folder prefix: UTC yyyyMMddHHmmss.
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function createMigration(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(
      `Migration name must be snake_case letters and digits, got "${name}"`,
    );
  }
  const lockfile = path.join(MIGRATIONS_DIR, LOCKFILE_NAME);
  const sql = await diffMigrationsToSchema();
  if (sql === "") {
    console.log(
      "No changes: the migrations already produce prisma/schema.prisma. Nothing written.",
    );
    return;
  }
  const folder = path.join(
    MIGRATIONS_DIR,
    `${formatTimestamp(new Date())}_${name}`,
  );
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await access(lockfile).catch(() => writeFile(lockfile, LOCKFILE_CONTENT));
  console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migrate:create -- <name>");
  process.exit(2);
}
createMigration(name).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
