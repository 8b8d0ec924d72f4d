import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// /api/health probes each dependency through the same client the app uses; a part on a closed
// port must turn the answer to 503 and say which part, without leaking why.

const CLOSED = "http://127.0.0.1:1";
const g = globalThis as { __twostepDb?: unknown };
let savedDb: unknown;

async function health(env: Record<string, string> = {}) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const { GET } = await import("./route");
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

beforeEach(() => {
  savedDb = g.__twostepDb;
  delete g.__twostepDb; // a fresh client for this case's DATABASE_URL
});
afterEach(() => {
  g.__twostepDb = savedDb;
  vi.unstubAllEnvs();
});

describe("GET /api/health", () => {
  it("answers 200 and names each implementation when all parts are reachable", async () => {
    expect(await health()).toEqual({
      status: 200,
      body: {
        ok: true,
        db: { kind: "postgres", ok: true },
        store: { kind: "embedded", ok: true },
        messenger: { kind: "outbox", ok: true },
      },
    });
  });

  it("answers 503 naming the code store when Upstash cannot be reached", async () => {
    const { status, body } = await health({
      UPSTASH_REDIS_REST_URL: CLOSED,
      UPSTASH_REDIS_REST_TOKEN: "token",
    });
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      db: { ok: true },
      store: { kind: "upstash", ok: false },
    });
  });

  it("answers 503 naming the database when Postgres cannot be reached", async () => {
    const { status, body } = await health({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/test",
    });
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      db: { kind: "postgres", ok: false },
      store: { ok: true },
    });
  });
});
