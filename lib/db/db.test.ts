import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  TEST_DATABASE_URL,
  prepareTestDatabase,
  resetTables,
} from "@/test/support/db";
import {
  applyMigrations,
  hasPendingMigrations,
  MIGRATIONS_DIR,
  readMigrations,
} from "./migrations";

// getEnv() reads this lazily, on the first getDb() below.
process.env.DATABASE_URL = TEST_DATABASE_URL;
const { checkDb, closeDb, createDb, getDb } = await import("./index");
type Db = Awaited<ReturnType<typeof createDb>>;

let db: Db;

beforeAll(async () => {
  await prepareTestDatabase();
  db = await createDb({ databaseUrl: TEST_DATABASE_URL });
});
afterAll(async () => {
  await closeDb(db);
  await closeDb(await getDb());
});
beforeEach(resetTables);

function createUser(email: string) {
  return db.user.create({ data: { email, passwordHash: "x" } });
}

describe("the Postgres database", () => {
  it("carries every committed migration, and a second apply changes nothing", async () => {
    const names = (await readMigrations()).migrationDirectories.map(
      (d) => d.path,
    );
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(
      await applyMigrations(
        new PrismaPg({ connectionString: TEST_DATABASE_URL }),
      ),
    ).toEqual([]);
  });

  it("lets one address wait on several accounts but be proven by only one", async () => {
    const proven = {
      emailVerifiedAt: new Date(),
      verifiedEmail: "ada@example.com",
    };
    const a = await createUser("ada@example.com");
    const b = await createUser("ada@example.com");
    await db.user.update({ where: { id: a.id }, data: proven });
    await expect(
      db.user.update({ where: { id: b.id }, data: proven }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("lets one number wait on several accounts but be verified by only one", async () => {
    const number = "+14155550123";
    const [a, b] = [
      await createUser("a@example.com"),
      await createUser("b@example.com"),
    ];
    await db.phone.create({
      data: {
        userId: a.id,
        number,
        verifiedNumber: number,
        verifiedAt: new Date(),
      },
    });
    const pending = await db.phone.create({ data: { userId: b.id, number } });
    await expect(
      db.phone.update({
        where: { id: pending.id },
        data: { verifiedNumber: number, verifiedAt: new Date() },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps a deleted user's events, without the owner", async () => {
    const user = await createUser("gone@example.com");
    await db.authEvent.create({
      data: { userId: user.id, type: "signup", detail: { channel: "sms" } },
    });
    await db.user.delete({ where: { id: user.id } });
    const [event] = await db.authEvent.findMany();
    expect(event).toMatchObject({
      userId: null,
      type: "signup",
      detail: { channel: "sms" },
    });
  });

  it("shares one client per process and reports it healthy", async () => {
    expect(await getDb()).toBe(await getDb());
    await expect(checkDb()).resolves.toBeUndefined();
  });
});

describe("the embedded PGlite database", () => {
  it("migrates a fresh folder on open and keeps its data across restarts", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "twostep-pglite-"));
    try {
      const first = await createDb({ pgliteDir: dir });
      await first.user.create({
        data: { email: "kept@example.com", passwordHash: "x" },
      });
      await closeDb(first);
      const second = await createDb({ pgliteDir: dir });
      expect(await second.user.count()).toBe(1);
      // The indexes came with the migrations: a proven address is held by one account only.
      const proven = {
        email: "kept@example.com",
        verifiedEmail: "kept@example.com",
        emailVerifiedAt: new Date(),
      };
      await second.user.create({ data: { ...proven, passwordHash: "y" } });
      await expect(
        second.user.create({ data: { ...proven, passwordHash: "z" } }),
      ).rejects.toMatchObject({ code: "P2002" });
      await closeDb(second);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("hasPendingMigrations", () => {
  it("says yes on a fresh database and on a new migration, no once all are applied", async () => {
    const pglite = new PGlite();
    const dir = await mkdtemp(path.join(tmpdir(), "twostep-migrations-"));
    try {
      expect(await hasPendingMigrations(pglite)).toBe(true);
      await applyMigrations(new PrismaPGlite(pglite));
      expect(await hasPendingMigrations(pglite)).toBe(false);
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "99990101000000_next"));
      await writeFile(
        path.join(dir, "99990101000000_next", "migration.sql"),
        "SELECT 1;",
      );
      expect(await hasPendingMigrations(pglite, dir)).toBe(true);
    } finally {
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
