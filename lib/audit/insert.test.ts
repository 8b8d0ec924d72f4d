import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createDb, type Db } from "@/lib/db";
import { countQueries } from "@/test/support/count";
import { prepareTestDatabase, TEST_DATABASE_URL } from "@/test/support/db";
import { insertEvents, type AuditRow } from "./insert";

// The raw INSERT runs on both databases the app can open: Postgres through node-postgres, and the
// embedded PGlite of the two-command quickstart.

const at = new Date("2026-11-23T01:02:03.456Z");
const rows: AuditRow[] = [
  {
    type: "code_failed",
    userId: null,
    ip: "203.0.113.7",
    userAgent: "Firefox",
    detail: { step: "code", attemptsLeft: 3, locked: false, by: null },
    createdAt: at,
  },
  {
    type: "code_sent",
    userId: null,
    ip: null,
    userAgent: null,
    detail: {},
    createdAt: new Date(at.getTime() + 1),
  },
];

const databases = [
  ["Postgres", () => createDb({ databaseUrl: TEST_DATABASE_URL })],
  ["the embedded database", () => createDb({ pgliteDir: "memory://" })],
] as const;

describe.each(databases)("audit rows on %s", (_name, open) => {
  let db: Db;
  beforeAll(async () => {
    await prepareTestDatabase();
    db = await open();
    await db.authEvent.deleteMany();
  });
  afterAll(async () => {
    await db.authEvent.deleteMany();
    await closeDb(db);
  });

  it("are written in one statement, each with its own time and facts", async () => {
    const queries = countQueries();
    await insertEvents(db, rows);
    queries.stop();
    if (_name === "Postgres") expect(queries.count).toBe(1);
    const written = await db.authEvent.findMany({
      orderBy: { createdAt: "asc" },
    });
    expect(written).toEqual(
      rows.map((row) => ({ ...row, id: expect.any(String) })),
    );
    expect(new Set(written.map((w) => w.id)).size).toBe(2);
  });

  it("fail together when one names an account that does not exist", async () => {
    const before = await db.authEvent.count();
    await expect(
      insertEvents(db, [{ ...rows[0]!, userId: "no-such-user" }, rows[1]!]),
    ).rejects.toThrow();
    expect(await db.authEvent.count()).toBe(before);
  });
});
