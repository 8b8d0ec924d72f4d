// npm run db:migrate:apply
// Applies the committed migrations to the direct connection when one is given
// (DATABASE_URL_UNPOOLED or DIRECT_URL, as prisma.config.ts), else DATABASE_URL,
// else the embedded PGlite folder (PGLITE_DIR, default .data/pglite). Safe to re-run.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../../lib/db/migrations";

async function applyToTarget(): Promise<void> {
  const name = ["DATABASE_URL_UNPOOLED", "DIRECT_URL", "DATABASE_URL"].find(
    (n) => process.env[n]?.trim(),
  );
  if (name) {
    const connectionString = process.env[name]!.trim();
    const applied = await applyMigrations(new PrismaPg({ connectionString }));
    report(applied, name);
    return;
  }
  const dir = process.env.PGLITE_DIR?.trim() || ".data/pglite";
  await mkdir(dir, { recursive: true });
  const pglite = new PGlite(dir);
  try {
    report(await applyMigrations(new PrismaPGlite(pglite)), dir);
  } finally {
    await pglite.close();
  }
}

function report(applied: string[], target: string): void {
  console.log(
    applied.length === 0
      ? `${target}: already up to date.`
      : `${target}: applied ${applied.join(", ")}`,
  );
}

applyToTarget().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
