import { afterEach, describe, expect, it, vi } from "vitest";
import nock from "@/test/support/nock";
import { recordExact } from "./figures";

// /api/health used to tell anyone which backends run (postgres, upstash, plivo, outbox…) and to
// call Plivo's API on every hit. Now it answers one word, and Plivo at most once a minute.

const SECTION = "health";
const BACKEND_NAMES = /postgres|pglite|upstash|embedded|plivo|outbox|redis/i;
const HITS = 100;
const AUTH_ID = "MAHEALTHFIGURES00000";

async function healthRoute(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  return (await import("@/app/api/health/route")).GET;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("what /api/health tells an anonymous caller", () => {
  it("names no backend, up or down, and asks Plivo once for a hundred hits", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    let plivoCalls = 0;
    nock("https://api.plivo.com")
      .get(new RegExp(`^/v1/Account/${AUTH_ID}/+$`))
      .times(HITS)
      .reply(() => (plivoCalls++, [200, { account_type: "standard" }]));
    const up = await healthRoute({
      MESSAGING: "plivo",
      PLIVO_AUTH_ID: AUTH_ID,
      PLIVO_AUTH_TOKEN: "token",
      PLIVO_FROM_NUMBER: "+14155550100",
      APP_URL: "https://twostep.example.com",
    });
    const answers: string[] = [];
    for (let i = 0; i < HITS; i++) answers.push(await (await up()).text());
    const plivoCallsForHits = plivoCalls;
    const down = await healthRoute({
      UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1",
      UPSTASH_REDIS_REST_TOKEN: "token",
    });
    const downAnswer = await down();
    answers.push(await downAnswer.text());
    const naming = answers.filter((a) => BACKEND_NAMES.test(a)).length;
    recordExact(
      SECTION,
      "answers naming a backend (100 up + 1 down), anonymous caller",
      naming,
      0,
    );
    recordExact(
      SECTION,
      "answers: up / down",
      `${answers[0]} / ${downAnswer.status} ${answers[HITS]}`,
      '{"status":"ok"} / 503 {"status":"unavailable"}',
    );
    recordExact(
      SECTION,
      `Plivo API calls for ${HITS} hits in a minute`,
      plivoCallsForHits,
      1,
    );
    expect(naming).toBe(0);
    expect(plivoCallsForHits).toBe(1);
  });
});
