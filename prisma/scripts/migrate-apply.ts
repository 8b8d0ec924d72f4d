// npm run db:migrate:apply
// Applies the committed migrations to DATABASE_URL, or to the embedded PGlite
// folder (PGLITE_DIR, default .data/pglite) when it is unset. Safe to re-run.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../../lib/db/migrations";

async function applyToTarget(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const applied = await applyMigrations(
      new PrismaPg({ connectionString: url }),
    );
    report(applied, "DATABASE_URL");
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
