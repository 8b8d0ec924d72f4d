import { execFile } from "node:child_process";
import { randomInt } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables, TEST_DATABASE_URL } from "@/test/support/db";
import { randomMobile } from "@/test/support/phones";

// `npm run erase-due`, as a host without Vercel Cron runs it: a process of its own, against
// DATABASE_URL, that erases what is due and says so.

const run = promisify(execFile);

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

describe("npm run erase-due", () => {
  it("erases an account whose grace period ended, spares one still in it, lets go of an address nobody proved, and prints what it did", async () => {
    const [due, waiting, unproven] = [
      await createTestAccount({
        email: `due${randomInt(1e9)}@example.com`,
        phone: randomMobile("+3367"),
      }),
      await createTestAccount({
        email: `wait${randomInt(1e9)}@example.com`,
        phone: randomMobile("+3367"),
      }),
      await createTestAccount({
        email: `unproven${randomInt(1e9)}@example.com`,
        phone: randomMobile("+3367"),
      }),
    ];
    const db = await getDb();
    const day = 24 * 3600 * 1000;
    await db.user.update({
      where: { id: due.id },
      data: { deletionDueAt: new Date(Date.now() - day) },
    });
    await db.user.update({
      where: { id: unproven.id },
      data: {
        emailVerifiedAt: null,
        verifiedEmail: null,
        createdAt: new Date(Date.now() - 8 * day),
      },
    });
    await db.user.update({
      where: { id: waiting.id },
      data: { deletionDueAt: new Date(Date.now() + day) },
    });
    const { stdout } = await run("npm", ["run", "-s", "erase-due"], {
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      eraseDueAccounts: { erased: 1 },
      purgeUnconfirmedAccounts: { removed: 1, more: false },
    });
    expect(await db.user.count({ where: { id: unproven.id } })).toBe(0);
    expect(await db.user.count({ where: { id: due.id } })).toBe(0);
    expect(await db.user.count({ where: { id: waiting.id } })).toBe(1);
  }, 90_000);
});
