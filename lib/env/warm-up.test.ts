import { afterEach, describe, expect, it, vi } from "vitest";

// What start-up opens: a serverless instance or the proxy starts on every cold start and must do
// no I/O there; only the long-running server (npm start sets TWOSTEP_WARM_UP=1) opens its parts.

const opened = vi.hoisted(() => ({ db: 0, store: 0 }));
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    opened.db += 1;
    throw new Error("no database in this test");
  },
}));
vi.mock("@/lib/store", () => ({
  getChallengeStore: () => ({
    ping: async () => {
      opened.store += 1;
    },
  }),
}));

const { startServer } = await import("@/instrumentation-node");

/** A valid production environment on real backends (nothing listens at these addresses). */
const PRODUCTION = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(32),
  DATABASE_URL: "postgresql://u:p@127.0.0.1:1/twostep",
  UPSTASH_REDIS_REST_URL: "https://127.0.0.1:1",
  UPSTASH_REDIS_REST_TOKEN: "token",
  APP_URL: "https://twostep.example",
  MESSAGING: "plivo",
  PLIVO_AUTH_ID: "MAXXXXXXXXXXXXXXXXXX",
  PLIVO_AUTH_TOKEN: "token",
  PLIVO_FROM_NUMBER: "+14155550100",
  VERCEL: "1",
};

afterEach(() => {
  opened.db = 0;
  opened.store = 0;
  vi.restoreAllMocks();
});

describe("start-up", () => {
  it("opens neither the database nor the code store on a serverless instance's cold start", async () => {
    await startServer({ ...PRODUCTION });
    expect(opened).toEqual({ db: 0, store: 0 });
  });

  it("opens both before the long-running server says Ready", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await startServer({ ...PRODUCTION, TWOSTEP_WARM_UP: "1" });
    await vi.waitFor(() => expect(opened).toEqual({ db: 1, store: 1 }));
  });
});
