import { after } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { createTestAccount } from "@/test/support/accounts";
import { countQueries } from "@/test/support/count";
import { resetTables } from "@/test/support/db";
import {
  listRecentEvents,
  recordEvent,
  RECENT_EVENTS_SHOWN,
} from "@/lib/audit";

beforeEach(() => resetTables());
afterAll(async () => closeDb(await getDb()));

async function newUser(email: string, phone: string) {
  const account = await createTestAccount({ email, phone });
  return account.id;
}

describe("recordEvent", () => {
  it("writes who, what, from where and the small facts", async () => {
    const userId = await newUser("ada@example.com", "+14155550132");
    await recordEvent({
      type: "code_sent",
      userId,
      ip: "203.0.113.7",
      userAgent: "Firefox",
      detail: { channel: "voice", ok: true },
    });
    const rows = await (await getDb()).authEvent.findMany();
    expect(rows).toEqual([
      expect.objectContaining({
        type: "code_sent",
        userId,
        ip: "203.0.113.7",
        userAgent: "Firefox",
        detail: { channel: "voice", ok: true },
      }),
    ]);
  });

  it("keeps events of someone without an account yet, with no user", async () => {
    await recordEvent({ type: "code_sent", detail: { purpose: "signup" } });
    const rows = await (await getDb()).authEvent.findMany();
    expect(rows).toMatchObject([{ type: "code_sent", userId: null }]);
  });

  it("is written before it returns outside a request (a script, a test), where after() cannot run", async () => {
    expect(() => after(() => {})).toThrow(/outside a request scope/);
    await recordEvent({ type: "code_sent" });
    expect(await (await getDb()).authEvent.count()).toBe(1);
  });

  it("logs a failed write instead of throwing, so sign-in goes on", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(
      recordEvent({ type: "sign_out", userId: "no-such-user" }),
    ).resolves.toBeUndefined();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/audit: could not record/);
    error.mockRestore();
  });
});

describe("listRecentEvents", () => {
  it(`gives a person's last ${RECENT_EVENTS_SHOWN} events, newest first, and nobody else's`, async () => {
    const ada = await newUser("ada@example.com", "+14155550132");
    const bob = await newUser("bob@example.com", "+14155550133");
    const db = await getDb();
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    await db.authEvent.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        type: "code_failed" as const,
        userId: ada,
        detail: { n: i },
        createdAt: new Date(t0 + i * 1000),
      })),
    });
    await recordEvent({ type: "login_success", userId: bob });
    const events = await listRecentEvents(ada);
    expect(events.map((e) => (e.detail as { n: number }).n)).toEqual([
      11, 10, 9, 8, 7, 6, 5, 4, 3, 2,
    ]);
    expect(await listRecentEvents(bob)).toMatchObject([
      { type: "login_success" },
    ]);
  });

  it("writes rows that arrive during a write together, in one more statement", async () => {
    await getDb();
    const queries = countQueries();
    try {
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          recordEvent({ type: "code_sent", detail: { i } }),
        ),
      );
    } finally {
      queries.stop();
    }
    // The first goes out alone at once; the five that queued behind it share the next INSERT.
    expect(queries.count).toBe(2);
    const rows = await (await getDb()).authEvent.findMany();
    expect(rows.map((r) => (r.detail as { i: number }).i).sort()).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
  });

  it("keeps the other rows of a batch when one of them cannot be written", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const userId = await newUser("grace@example.com", "+14155550133");
    await Promise.all([
      recordEvent({ type: "code_sent", userId }),
      recordEvent({ type: "code_sent", userId }),
      recordEvent({ type: "sign_out", userId: "no-such-user" }),
      recordEvent({ type: "code_sent", userId }),
    ]);
    const rows = await (await getDb()).authEvent.findMany();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.userId === userId)).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[1])).toBe("sign_out");
    error.mockRestore();
  });
});
