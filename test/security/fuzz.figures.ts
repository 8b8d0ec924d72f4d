import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import { getChallengeStore } from "@/lib/store";
import { resetTables } from "@/test/support/db";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { recordExact, recordFigure } from "./figures";
import {
  CHALLENGE_COOKIE,
  toRequest,
  VALID_CHALLENGE,
  type FuzzCase,
} from "./fuzz/case";
import { jsonRouteCases } from "./fuzz/json-routes";
import {
  healthCases,
  nextAuthCases,
  outboxCases,
  smsStatusCases,
  statusCases,
  VALID_CSRF,
  voiceCases,
} from "./fuzz/other-routes";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// getEnv() caches: Plivo's token must be set before any module reads it, so the two callbacks
// check signatures (without it they refuse everything before looking).
vi.hoisted(() => {
  Object.assign(process.env, {
    APP_URL: "https://twostep.example",
    NEXTAUTH_URL: "https://twostep.example",
    MESSAGING: "outbox",
    PLIVO_AUTH_ID: "MAFUZZFUZZFUZZFUZZ00",
    PLIVO_AUTH_TOKEN: "fuzz-plivo-auth-token",
    PLIVO_FROM_NUMBER: "+14155550100",
  });
});
installNextHeadersForCjs();

// Malformed input against every route, in-process: ≥ 10,000 cases from fast-check with a fixed
// seed (FUZZ_SEED to vary it). Every case is invalid by construction, so the expectations are
// absolute: no 5xx, no row written, nothing sent, the live challenge untouched. Code store and
// messenger are the embedded ones (in-process store, outbox); the database is the real Postgres.

const SECTION = "fuzz";
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_401);

type Handler = (req: Request, ctx?: never) => Promise<Response> | Response;
const routes = {
  "/api/signup": 1400,
  "/api/login": 1400,
  "/api/otp/send": 1400,
  "/api/otp/verify": 1400,
  "/api/account/authenticator/confirm": 500,
  "/api/account/devices/forget": 500,
  "/api/password/forgot": 300,
  "/api/password/reset/start": 300,
  "/api/password/reset": 300,
  "/api/email/verify": 300,
} as const;

let handlers: Record<string, Handler>;
let validChallenge = "";
let csrf = { token: "", cookie: "" };

async function countRows() {
  const db = await getDb();
  const [users, phones, events, links] = await Promise.all([
    db.user.count(),
    db.phone.count(),
    db.authEvent.count(),
    db.emailLink.count(),
  ]);
  return { users, phones, events: events + links };
}

beforeAll(async () => {
  const nextAuth = await import("@/app/api/auth/[...nextauth]/route");
  const nextAuthCtx = (path: string) => ({
    params: Promise.resolve({
      nextauth: path.split("?")[0]!.split("/").slice(3).map(safeDecode),
    }),
  });
  handlers = {
    "/api/signup": (await import("@/app/api/signup/route")).POST,
    "/api/login": (await import("@/app/api/login/route")).POST,
    "/api/otp/send": (await import("@/app/api/otp/send/route")).POST,
    "/api/otp/verify": (await import("@/app/api/otp/verify/route")).POST,
    "/api/account/authenticator/confirm": (
      await import("@/app/api/account/authenticator/confirm/route")
    ).POST,
    "/api/account/devices/forget": (
      await import("@/app/api/account/devices/forget/route")
    ).POST,
    "/api/password/forgot": (await import("@/app/api/password/forgot/route"))
      .POST,
    "/api/password/reset/start": (
      await import("@/app/api/password/reset/start/route")
    ).POST,
    "/api/password/reset": (await import("@/app/api/password/reset/route"))
      .POST,
    "/api/email/verify": (await import("@/app/api/email/verify/route")).POST,
    "GET /api/otp/status": (await import("@/app/api/otp/status/route")).GET,
    "POST /api/voice/answer": (await import("@/app/api/voice/answer/route"))
      .POST,
    "POST /api/plivo/sms-status/[ref]": (
      await import("@/app/api/plivo/sms-status/[ref]/route")
    ).POST,
    "GET /api/health": (await import("@/app/api/health/route")).GET,
    "GET /api/dev/outbox": (await import("@/app/api/dev/outbox/route")).GET,
    "POST /api/auth/callback/twostep": (req: Request) => {
      const next = new NextRequest(req);
      return withRequest(next, () =>
        nextAuth.POST(next, nextAuthCtx(new URL(req.url).pathname)),
      );
    },
  };
  await resetTables();
  // This browser's live challenge, as after a real signup (which writes one audit row).
  cookieJar.clear();
  const started = await handlers["/api/signup"]!(
    jsonRequest("/api/signup", {
      email: "fuzz@example.com",
      password: "correct horse battery",
      phone: "+14155550166",
    }),
  );
  expect(started.status).toBe(200);
  validChallenge = cookieJar.get(CHALLENGE_COOKIE)!;
  expect(validChallenge).toEqual(expect.any(String));
  const csrfRequest = new NextRequest("http://localhost:3000/api/auth/csrf");
  const res: Response = await withRequest(csrfRequest, () =>
    nextAuth.GET(csrfRequest, {
      params: Promise.resolve({ nextauth: ["csrf"] }),
    }),
  );
  const setCookie = res.headers.getSetCookie().find((c) => c.includes("csrf"));
  csrf = {
    token: ((await res.json()) as { csrfToken: string }).csrfToken,
    cookie: setCookie!.split(";")[0]!,
  };
});
afterAll(async () => closeDb(await getDb()));

function safeDecode(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function run(c: FuzzCase): Promise<number> {
  const cookie = c.cookie === VALID_CHALLENGE ? validChallenge : c.cookie;
  cookieJar.clear();
  if (cookie !== null) cookieJar.set(CHALLENGE_COOKIE, cookie);
  let request = toRequest(c, cookie);
  if (c.body?.includes(VALID_CSRF)) {
    const headers = new Headers(request.headers);
    headers.set(
      "cookie",
      [headers.get("cookie"), csrf.cookie].filter(Boolean).join("; "),
    );
    request = toRequest(
      {
        ...c,
        headers: Object.fromEntries(headers),
        body: c.body.replaceAll(VALID_CSRF, csrf.token),
      },
      null,
    );
  }
  const handler = handlers[c.route]!;
  try {
    const res = await handler(request);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 500; // what Next answers when a route handler throws
  }
}

const sample = <T>(arb: fc.Arbitrary<T>, numRuns: number, offset: number) =>
  fc.sample(arb, { numRuns, seed: SEED + offset });

describe("malformed input against every route", () => {
  it("answers at least 10,000 malformed requests without a 5xx, a row, a message or a store change", async () => {
    const groups: [string, FuzzCase[]][] = [
      ...Object.entries(routes).map(([route, n], i): [string, FuzzCase[]] => [
        route,
        sample(jsonRouteCases(route as keyof typeof routes), n, i),
      ]),
      ["GET /api/otp/status", sample(statusCases, 800, 10)],
      ["POST /api/voice/answer", sample(voiceCases, 1000, 11)],
      ["POST /api/plivo/sms-status/[ref]", sample(smsStatusCases, 1000, 12)],
      ["GET /api/health", sample(healthCases, 300, 13)],
      ["GET /api/dev/outbox", sample(outboxCases, 500, 14)],
      ["POST /api/auth/callback/twostep", sample(nextAuthCases, 1000, 15)],
    ];
    const store = getChallengeStore();
    const challengeBefore = JSON.stringify(
      await store.getChallenge(validChallenge),
    );
    const failures: { c: FuzzCase; status: number }[] = [];
    let total = 0;
    let rowsWritten = 0;
    let sent = 0;
    const startedAt = Date.now();
    for (const [route, cases] of groups) {
      const before = await countRows();
      const groupStarted = Date.now();
      const outboxBefore = listOutbox().length;
      const counts: Record<string, number> = {};
      for (const c of cases) {
        const status = await run(c);
        const cls = `${Math.floor(status / 100)}xx`;
        counts[cls] = (counts[cls] ?? 0) + 1;
        if (status >= 500) failures.push({ c, status });
      }
      const groupSeconds = ((Date.now() - groupStarted) / 1000).toFixed(1);
      const after = await countRows();
      const rows =
        after.users -
        before.users +
        (after.phones - before.phones) +
        (after.events - before.events);
      const messages = listOutbox().length - outboxBefore;
      total += cases.length;
      rowsWritten += rows;
      sent += messages;
      const classes = Object.entries(counts)
        .sort()
        .map(([k, v]) => `${k}:${v}`)
        .join(" ");
      recordFigure({
        section: SECTION,
        figure: `${route} (${classes}; rows ${rows}, sent ${messages}; ${groupSeconds} s)`,
        value: cases.length,
        expected: "no 5xx, 0 rows",
        ok: !counts["5xx"] && rows === 0 && messages === 0,
      });
    }
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const challengeAfter = JSON.stringify(
      await store.getChallenge(validChallenge),
    );
    recordFigure({
      section: SECTION,
      figure: `cases in all (seed ${SEED}, ${seconds} s; embedded store + outbox, real Postgres)`,
      value: total,
      expected: "≥ 10000",
      ok: total >= 10_000,
    });
    const huge = groups
      .flatMap(([, cases]) => cases)
      .filter((c) => (c.body?.length ?? 0) > 8 * 1024).length;
    recordFigure({
      section: SECTION,
      figure: "of which bodies over 8 KiB (up to 1 MiB)",
      value: huge,
      expected: "> 0",
      ok: huge > 0,
    });
    recordExact(SECTION, "5xx answers", failures.length, 0);
    recordExact(
      SECTION,
      "rows written (users + phones + auth_events + email_links)",
      rowsWritten,
      0,
    );
    recordExact(SECTION, "SMS or calls sent", sent, 0);
    recordExact(
      SECTION,
      "live challenge changed (store state)",
      challengeAfter === challengeBefore ? "no" : "yes",
      "no",
    );

    if (failures.length)
      console.error(
        "first 5xx cases:",
        JSON.stringify(failures.slice(0, 5), null, 1).slice(0, 4000),
      );
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(failures.length).toBe(0);
    expect(rowsWritten).toBe(0);
    expect(sent).toBe(0);
    expect(challengeAfter).toBe(challengeBefore);
  });
});
