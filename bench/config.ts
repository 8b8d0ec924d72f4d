// What `npm run bench` measures with, in one place. The load is bounded in count and time and
// stays on loopback; the budgets are the issue's, as ratios to the floor measured in the same run.

export const BENCH = {
  host: "127.0.0.1",
  connections: 50,
  warmupSeconds: 2,
  /** Per window; each scenario is measured in `rounds` windows, each after a floor window. */
  durationSeconds: 5,
  rounds: 3,
  /** Send and verify once more under the server's CPU profiler, apart from the measured window. */
  profileSeconds: 5,
  databaseUrl:
    process.env.BENCH_DATABASE_URL ??
    "postgresql://postgres@127.0.0.1:5432/twostep_bench",
  /** A Redis database of its own, so the run's counters never reach the e2e suite's limits. */
  redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/1",
  secret: "bench-secret-that-is-long-enough-for-next-auth-0123456789",
  /** A production server answers GET /api/dev/outbox only with this bearer token. */
  outboxToken: "bench-outbox-token-that-is-long-enough-0123456789",
  resultsFile: "bench-results/bench.json",
  /** Accounts for the login flow: one per connection, so each reads only its own codes. */
  users: 50,
  password: "bench-Password-1234",
} as const;

export const BUDGETS = {
  /** p99 latency at 50 connections against the floor's: verify, then send (which also seals,
   * writes the outbox and an audit row). */
  maxVerifyP99Ratio: 2,
  maxSendP99Ratio: 3,
  /** First-load JavaScript of a real page against the empty page of the same build. */
  maxFirstLoadRatio: 1.15,
  peakRssMb: 400,
  verifyRoundTrips: 1,
  sendRoundTrips: 2,
  /** The server's CPU time per request against the floor's (its own process tree, user + sys). */
  maxVerifyCpuRatio: 1.5,
  maxSendCpuRatio: 2.5,
  /** The first request after "Ready" against the median of the next ten. */
  maxFirstRequestRatio: 2,
  /** A fresh server's first request to a real route against its first request to the floor route
   * (no warm-up: a serverless instance's cold start). */
  maxColdStartRatio: 1.5,
} as const;

/** Limits the server runs with: high enough that the figures measure work, not refusals. */
const RAISED = "1000000000";

export function serverEnv(
  port: number,
  upstash?: { url: string; token: string },
): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: BENCH.databaseUrl,
    ...(upstash && {
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
    }),
    MESSAGING: "outbox",
    OUTBOX_TOKEN: BENCH.outboxToken,
    // Plain http on loopback is allowed in production only when said explicitly.
    TWOSTEP_EMBEDDED: "1",
    NEXTAUTH_URL: `http://${BENCH.host}:${port}`,
    NEXTAUTH_SECRET: BENCH.secret,
    RESEND_COOLDOWN_SECONDS: "0",
    LIMIT_SENDS_PER_PHONE_PER_HOUR: RAISED,
    LIMIT_SENDS_PER_IP_PER_HOUR: RAISED,
    LIMIT_SENDS_PER_ACCOUNT_PER_HOUR: RAISED,
    LIMIT_LOGINS_PER_ACCOUNT_PER_15_MIN: RAISED,
    LIMIT_LOGINS_PER_ACCOUNT_ALL_ADDRESSES_PER_15_MIN: RAISED,
    LIMIT_LOGINS_PER_IP_PER_15_MIN: RAISED,
    LIMIT_DAILY_MESSAGE_BUDGET: RAISED,
    LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET: RAISED,
    BREAKER_MIN_SENDS_PER_HOUR: RAISED,
    LIMIT_MESSAGES_PER_HOUR: RAISED,
    // The load generator sends no browser's proof of work; refused in production unless
    // TWOSTEP_EMBEDDED=1, which the bench sets above.
    PROOF_OF_WORK: "off",
  };
}

/**
 * The Node flags the product's `npm start` gives the server (package.json), so the benchmark
 * measures the server as it is deployed; BENCH_NODE_FLAGS (space-separated) replaces them, to try
 * others.
 */
export function serverNodeFlags(startScript: string): string[] {
  const override = process.env.BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(" ").filter(Boolean);
  const words = startScript.split(/\s+/);
  if (words[0] !== "node") return [];
  return words.slice(1).filter((w) => w.startsWith("--"));
}
