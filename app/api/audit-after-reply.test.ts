import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { closeDb, getDb } from "@/lib/db";
import { pendingAfterTasks, runAfterTasks } from "@/test/support/after";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";

// Audit rows leave the request's critical path: recordEvent hands the INSERT to Next's after(),
// which runs it once the reply is sent. Here after() keeps the tasks until the test plays Next's
// part, so a test can see the reply come first and the row land after it.

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (await import("@/test/support/after")).after,
}));

beforeEach(async () => {
  clearBrowser();
  await resetTables();
});
afterAll(async () => closeDb(await getDb()));

describe("an audit row", () => {
  it("is written after the reply to a wrong password, and lands", async () => {
    const email = "ada@example.com";
    const account = await createTestAccount({
      email,
      phone: "+14155550132",
      password: "correct horse battery",
    });
    const db = await getDb();

    const reply = await login(
      jsonRequest(
        "/api/login",
        { email, password: "wrong horse battery" },
        { headers: { "user-agent": "Firefox" } },
      ),
    );
    expect(reply.status).toBe(401);
    expect(await db.authEvent.count()).toBe(0); // the reply did not wait for it
    expect(pendingAfterTasks()).toBe(1);

    await runAfterTasks();
    expect(await db.authEvent.findMany()).toMatchObject([
      {
        type: "login_failure",
        userId: account.id,
        userAgent: "Firefox",
        detail: { step: "password" },
      },
    ]);
  });

  it("that cannot be written after the reply is logged, never thrown", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { recordEvent } = await import("@/lib/audit");
    await recordEvent({ type: "sign_out", userId: "no-such-user" });
    await expect(runAfterTasks()).resolves.toBeUndefined();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/audit: could not record/);
    error.mockRestore();
  });
});
