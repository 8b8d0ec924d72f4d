import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AccountContext, StepContext } from "@/lib/context";
import {
  FRESH_SECOND_FACTOR_MINUTES,
  FRESH_SECOND_FACTOR_SECONDS,
} from "@/lib/factors/policy";
import { ACCOUNT_CHANGES_PER_HOUR } from "@/lib/limits/policy";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
} from "@/test/support/account-session";
import { withRequest } from "@/test/support/next-headers-cjs";
import { jsonRequest } from "@/test/support/next-request";
import { ok } from "./reply";
import { publicRoute, signedInRoute } from "./routes";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The two declared route shapes, on a route of their own: each guard a route names refuses with
// its own code, in the order the account routes rely on, and a request past them all reaches the
// handler with one context that says who is asking and how fresh their second factor is.

const schema = z.strictObject({ name: z.string().min(1) });
let seen: AccountContext<string> | null = null;

const guarded = signedInRoute(
  {
    schema,
    needsEmail: true,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) => {
    seen = ctx;
    return ok({ hello: body.name });
  },
);

const open = publicRoute({ schema }, async (ctx: StepContext, body) =>
  ok({ hello: body.name, ip: ctx.request.ip }),
);

const PATH = "/api/test/guarded";
const newBrowser = (ageSeconds = 0) =>
  openBrowser(randomUUID(), { email: "ada@example.com", ageSeconds });

setUpAccountRouteSuite();

describe("a signed-in route", () => {
  it("hands its handler one context: who, this session, when it passed its second factor", async () => {
    const browser = await newBrowser(60);
    const reply = await postFrom(browser, guarded, PATH, { name: "Ada" });
    expect(reply).toEqual({ status: 200, json: { ok: true, hello: "Ada" } });
    expect(seen!.user.email).toBe("ada@example.com");
    expect(seen!.session.id).toBe(browser.sid);
    const age = seen!.now() - seen!.session.secondFactorAt!;
    expect(age).toBeGreaterThanOrEqual(60_000);
    expect(age).toBeLessThan(70_000);
    expect(seen!.request.ip).toBeNull(); // no trusted proxy hop in tests
  });

  it("refuses a visitor who is not signed in with NOT_SIGNED_IN", async () => {
    const request = jsonRequest(PATH, { name: "Ada" });
    const response = await withRequest(new Request(request.url), () =>
      guarded(request),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: "NOT_SIGNED_IN" },
    });
  });

  it("refuses a second factor older than it declares with REAUTH_REQUIRED", async () => {
    const stale = await newBrowser(FRESH_SECOND_FACTOR_SECONDS + 60);
    expect(await postFrom(stale, guarded, PATH, { name: "Ada" })).toMatchObject(
      { status: 403, json: { error: { code: "REAUTH_REQUIRED" } } },
    );
  });

  it("spends the limit it names, and answers that limit's refusal past it", async () => {
    const browser = await newBrowser();
    for (let i = 0; i < ACCOUNT_CHANGES_PER_HOUR; i++)
      expect(
        (await postFrom(browser, guarded, PATH, { name: "Ada" })).status,
      ).toBe(200);
    const refused = await postFrom(browser, guarded, PATH, { name: "Ada" });
    expect(refused).toMatchObject({
      status: 429,
      json: { error: { code: "ACCOUNT_CHANGE_LIMIT" } },
    });
  });

  it("refuses a body its schema does not accept with 400, before looking at the session", async () => {
    const request = jsonRequest(PATH, { name: "" });
    const response = await withRequest(new Request(request.url), () =>
      guarded(request),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "INVALID_INPUT", fields: { name: expect.any(String) } },
    });
  });

  it("refuses a cross-site request with FORBIDDEN before anything else", async () => {
    const browser = await newBrowser();
    const request = jsonRequest(
      PATH,
      { name: "" },
      { headers: { origin: "https://evil.example", cookie: browser.cookie } },
    );
    const response = await withRequest(
      new Request(request.url, { headers: { cookie: browser.cookie } }),
      () => guarded(request),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: "FORBIDDEN" },
    });
  });
});

describe("a public route", () => {
  it("checks its body, then hands its handler the request's context", async () => {
    const good = await open(jsonRequest(PATH, { name: "Ada" }));
    expect(await good.json()).toEqual({ ok: true, hello: "Ada", ip: null });
    const bad = await open(jsonRequest(PATH, { name: 1 }));
    expect(bad.status).toBe(400);
  });
});
