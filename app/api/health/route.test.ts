import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { PROVIDER_CHECK_TTL_MS } from "@/lib/health";
import nock from "@/test/support/nock";
import { recordExact } from "@/test/security/figures";

// /api/health probes each dependency through the same client the app uses. Anonymous callers
// learn one word: ok (200) or unavailable (503). Before, the answer named every backend
// (postgres, upstash, plivo…) and asked Plivo's API on every hit. The security report
// (`npm run test:security`) prints what a hundred hits and an outage told an anonymous caller.

const SECTION = "health";
const HITS = 100;
const CLOSED = "http://127.0.0.1:1";
const BACKEND_NAMES = /postgres|pglite|upstash|embedded|plivo|outbox|redis/i;
const g = globalThis as { __twostepDb?: unknown };
let savedDb: unknown;
let errors: ReturnType<typeof vi.spyOn>;

async function health(env: Record<string, string> = {}) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const { GET } = await import("./route");
  return async () => {
    const response = await GET();
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text), text };
  };
}

beforeEach(() => {
  savedDb = g.__twostepDb;
  delete g.__twostepDb; // a fresh client for this case's DATABASE_URL
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  g.__twostepDb = savedDb;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.useRealTimers();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** What the tests below saw, for the report: answers while up, one while down, Plivo's calls. */
const seen = {
  up: [] as string[],
  down: undefined as { status: number; text: string } | undefined,
  plivoCalls: NaN,
};
afterAll(() => {
  if (!seen.down || seen.up.length !== HITS) return;
  const answers = [...seen.up, seen.down.text];
  recordExact(
    SECTION,
    `answers naming a backend (${HITS} up + 1 down), anonymous caller`,
    answers.filter((a) => BACKEND_NAMES.test(a)).length,
    0,
  );
  recordExact(
    SECTION,
    "answers: up / down",
    `${seen.up[0]} / ${seen.down.status} ${seen.down.text}`,
    '{"status":"ok"} / 503 {"status":"unavailable"}',
  );
  recordExact(
    SECTION,
    `Plivo API calls for ${HITS} hits in a minute`,
    seen.plivoCalls,
    1,
  );
});

describe("GET /api/health", () => {
  it("answers 200 {status: ok} and names no backend when all parts are reachable", async () => {
    const { status, body, text } = await (await health())();
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok" });
    expect(text).not.toMatch(BACKEND_NAMES);
  });

  it("answers 503 {status: unavailable} when Upstash cannot be reached, and logs which part", async () => {
    const get = await health({
      UPSTASH_REDIS_REST_URL: CLOSED,
      UPSTASH_REDIS_REST_TOKEN: "token",
    });
    const { status, body, text } = await get();
    seen.down = { status, text };
    expect({ status, body }).toEqual({
      status: 503,
      body: { status: "unavailable" },
    });
    expect(text).not.toMatch(BACKEND_NAMES);
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining("health"),
      "store",
      "upstash",
      expect.any(String),
    );
  });

  it("answers 503 {status: unavailable} when Postgres cannot be reached, and logs which part", async () => {
    const get = await health({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/test",
    });
    expect((await get()).body).toEqual({ status: "unavailable" });
    expect(errors).toHaveBeenCalledWith(
      expect.any(String),
      "db",
      "postgres",
      expect.any(String),
    );
  });

  it("asks Plivo at most once a minute, however many callers hit it, and names no backend to any", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1"); // Postgres stays reachable
    let plivoCalls = 0;
    nock("https://api.plivo.com")
      .get(/^\/v1\/Account\/MAHEALTHCHECK0000000\/+$/)
      .times(HITS)
      .reply(() => (plivoCalls++, [200, { account_type: "standard" }]));
    const get = await health({
      MESSAGING: "plivo",
      PLIVO_AUTH_ID: "MAHEALTHCHECK0000000",
      PLIVO_AUTH_TOKEN: "token",
      PLIVO_FROM_NUMBER: "+14155550100",
      APP_URL: "https://twostep.example.com",
    });
    const first = await Promise.all(Array.from({ length: 10 }, get));
    const hits = [...first];
    while (hits.length < HITS) hits.push(await get());
    seen.up = hits.map((r) => r.text);
    seen.plivoCalls = plivoCalls;
    expect(first.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(hits.filter((r) => BACKEND_NAMES.test(r.text))).toEqual([]);
    expect(plivoCalls).toBe(1);
    vi.setSystemTime(Date.now() + PROVIDER_CHECK_TTL_MS);
    expect((await get()).status).toBe(200);
    expect(plivoCalls).toBe(2);
  });
});
