import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import type { SignInMethod } from "@/lib/factors/policy";
import { getLimiter } from "@/lib/limits";
import type { BreakerScope } from "@/lib/limits/messages";
import { readMessageFigures } from "@/lib/steps/message-figures";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { createTestAccount } from "@/test/support/accounts";
import { randomMobile } from "@/test/support/phones";
import { POST as changeBreaker } from "./route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Lift" and "Extend" on the console's Messages page, through the real route: only an admin whose
// second factor was a passkey in the last 10 minutes changes a breaker, with a reason; everyone
// else gets a 403 and the breaker stays as it was. Each request leaves an audit row.

const REASON = "Ticket 815: France's carrier is back, codes arrive again";
const MINUTE = 60_000;

async function account(role: "admin" | null = null) {
  const a = await createTestAccount({
    email: `b${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3364"),
    password: "a long enough password",
    emailVerified: true,
  });
  if (role)
    await (await getDb()).user.update({ where: { id: a.id }, data: { role } });
  return a;
}

const signedIn = (
  who: { id: string; email: string },
  amr: SignInMethod = "passkey",
  minutesAgo = 1,
) =>
  openBrowser(who.id, { email: who.email, amr, ageSeconds: minutesAgo * 60 });

/** A number range of its own, tripped as a pumping wave trips it: sends nobody enters. */
async function tripBreaker(): Promise<BreakerScope> {
  const scope: BreakerScope = `px:99${String(randomInt(1e4)).padStart(4, "0")}`;
  const breaker = {
    minSends: 3,
    maxConversionPercent: 20,
    pauseMs: 60 * MINUTE,
    ceiling: 1e9,
  };
  for (let i = 0; i < 5; i++) {
    const decision = await getLimiter().consumeSend(
      [],
      { country: "ZZ", channel: "sms", scopes: [scope], breaker },
      Date.now(),
    );
    if (!decision.ok) break;
  }
  expect(await inForce(scope)).toBeDefined();
  return scope;
}

const inForce = async (scope: BreakerScope) =>
  (await readMessageFigures({ now: Date.now })).breakers.find(
    (b) => b.scope === scope,
  );

const post = async (from: Awaited<ReturnType<typeof signedIn>>, body: object) =>
  postFrom(from, changeBreaker, "/api/admin/breaker", body);

const consoleRows = async (userId: string) =>
  (await getDb()).authEvent.findMany({
    where: { userId, type: "admin_request" },
    orderBy: { createdAt: "asc" },
  });

/** Settles the audit rows written after the reply. */
const settled = () => new Promise((r) => setTimeout(r, 50));

setUpAccountRouteSuite();

describe("lifting and extending a breaker from the console", () => {
  it("lets an admin with a fresh passkey lift a breaker, and audits who, what and why", async () => {
    const operator = await account("admin");
    const scope = await tripBreaker();
    const reply = await post(await signedIn(operator), {
      scope,
      action: "lift",
      reason: REASON,
    });
    expect(reply).toEqual({ status: 200, json: { ok: true, until: null } });
    expect(await inForce(scope)).toBeUndefined();
    await settled();
    const [row] = await consoleRows(operator.id);
    expect(row?.detail).toEqual({
      action: "breaker",
      target: `lift ${scope}`,
      reason: REASON,
      status: 200,
    });
  });

  it("lets an admin with a fresh passkey extend a breaker from now", async () => {
    const operator = await account("admin");
    const scope = await tripBreaker();
    const before = Date.now();
    const reply = await post(await signedIn(operator), {
      scope,
      action: "extend",
      minutes: 24 * 60,
      reason: REASON,
    });
    expect(reply.status).toBe(200);
    const until = (await inForce(scope))!.until;
    expect(until).toBeGreaterThanOrEqual(before + 24 * 60 * MINUTE);
    expect(until).toBeLessThanOrEqual(Date.now() + 24 * 60 * MINUTE);
    expect(new Date(reply.json.until).getTime()).toBe(until);
    await settled();
    expect((await consoleRows(operator.id))[0]?.detail).toMatchObject({
      target: `extend ${scope}`,
      reason: REASON,
    });
  });

  it("refuses a person who is not an admin, and an admin without a fresh passkey, changing nothing", async () => {
    const scope = await tripBreaker();
    const { until } = (await inForce(scope))!;
    const intruder = await account();
    const operator = await account("admin");
    const tries = [
      { who: intruder, browser: await signedIn(intruder), code: "FORBIDDEN" },
      {
        who: operator,
        browser: await signedIn(operator, "phone"),
        code: "PASSKEY_REQUIRED",
      },
      {
        who: operator,
        browser: await signedIn(operator, "passkey", 11),
        code: "PASSKEY_REQUIRED",
      },
    ];
    for (const { browser, code } of tries) {
      for (const change of [
        { action: "lift" },
        { action: "extend", minutes: 7 * 24 * 60 },
      ]) {
        const reply = await post(browser, { scope, ...change, reason: REASON });
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe(code);
      }
    }
    expect((await inForce(scope))?.until).toBe(until);
    await settled();
    const rows = await consoleRows(intruder.id);
    expect(rows.map((r) => r.detail)).toContainEqual({
      action: "breaker",
      target: `lift ${scope}`,
      reason: REASON,
      status: 403,
    });
  });

  it("refuses an empty reason, and an extension past seven days, changing nothing", async () => {
    const operator = await account("admin");
    const browser = await signedIn(operator);
    const scope = await tripBreaker();
    const { until } = (await inForce(scope))!;
    for (const reason of ["", "   "]) {
      const reply = await post(browser, { scope, action: "lift", reason });
      expect(reply.status).toBe(400);
      expect(reply.json.error.code).toBe("INVALID_INPUT");
      expect(reply.json.error.fields.reason).toBe(
        "Type the reason for this action.",
      );
    }
    const tooLong = await post(browser, {
      scope,
      action: "extend",
      minutes: 7 * 24 * 60 + 1,
      reason: REASON,
    });
    expect(tooLong.status).toBe(400);
    expect((await inForce(scope))?.until).toBe(until);
  });

  it("answers that a pause already ended when the breaker is not in force", async () => {
    const operator = await account("admin");
    const reply = await post(await signedIn(operator), {
      scope: "px:980000",
      action: "lift",
      reason: REASON,
    });
    expect(reply.status).toBe(404);
    expect(reply.json.error.code).toBe("BREAKER_NOT_TRIPPED");
  });
});
