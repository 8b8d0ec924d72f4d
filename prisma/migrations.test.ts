import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import {
  SCHEMA_PATH,
  applyMigrations,
  diffMigrationsToSchema,
  readMigrations,
} from "@/lib/db/migrations";

describe("prisma migrations", () => {
  it("the committed migrations produce exactly prisma/schema.prisma", async () => {
    // A non-empty string here is the SQL still missing: run
    // `npm run db:migrate:create -- <name>` and commit the result.
    expect(await diffMigrationsToSchema()).toBe("");
  });

  it("notices a schema change that has no migration yet", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "twostep-schema-"));
    try {
      // Whatever the column alignment: a new optional field before passwordHash.
      const changed = (await readFile(SCHEMA_PATH, "utf8")).replace(
        /\n(\s*)passwordHash(\s+)String/,
        "\n$1nickname String?\n$1passwordHash$2String",
      );
      const schemaPath = path.join(dir, "schema.prisma");
      await writeFile(schemaPath, changed);
      const sql = await diffMigrationsToSchema(undefined, schemaPath);
      expect(sql).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"nickname" TEXT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("applies every migration once and nothing on the second run", async () => {
    const pglite = new PGlite();
    try {
      const adapter = new PrismaPGlite(pglite);
      const all = (await readMigrations()).migrationDirectories.map(
        (d) => d.path,
      );
      expect(all.length).toBeGreaterThan(0);
      expect(await applyMigrations(adapter)).toEqual(all);
      expect(await applyMigrations(adapter)).toEqual([]);
      const rows = await pglite.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      expect(rows.rows.map((r) => r.migration_name)).toEqual(all);
    } finally {
      await pglite.close();
    }
  });
});
