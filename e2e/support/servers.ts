// The servers an end-to-end run starts: one production build served three times (normal policy;
// short code lifetime and resend wait for the expiry and resend journeys; normal policy at
// localhost for the passkey journey), plus Upstash's REST protocol in front of the local Redis.

export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/twostep_e2e";

// E2E_PORT_BASE moves all three, so two checkouts can run their suites side by side.
const base = Number(process.env.E2E_PORT_BASE ?? 3200);
const redisPort = process.env.E2E_PORT_BASE ? base + 10 : 8079;

export const E2E_SERVERS = {
  redis: {
    port: redisPort,
    url: `http://127.0.0.1:${redisPort}`,
    token: "e2e-upstash-token",
  },
  main: { port: base, url: `http://127.0.0.1:${base}` },
  short: { port: base + 1, url: `http://127.0.0.1:${base + 1}` },
  /** Chromium refuses WebAuthn on an IP address: the passkey journey is served at localhost. */
  passkey: { port: base + 2, url: `http://localhost:${base + 2}` },
  /** Started by e2e/startup.spec.ts itself, with a broken environment. */
  startup: { port: base + 5, url: `http://127.0.0.1:${base + 5}` },
} as const;

/** Production answers GET /api/dev/outbox only with this bearer token (32+ characters). */
export const E2E_OUTBOX_TOKEN =
  "e2e-outbox-token-that-is-long-enough-0123456789";

/** GET /api/cron/due answers only `Authorization: Bearer <this>`, as Vercel Cron sends it. */
export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789abcdef";

/** Short enough to wait out in a test, long enough to type a code. */
export const SHORT_CODE_TTL_SECONDS = 4;
export const SHORT_RESEND_COOLDOWN_SECONDS = 3;

export function e2eServerEnv(
  name: "main" | "short" | "passkey",
): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: E2E_DATABASE_URL,
    UPSTASH_REDIS_REST_URL: E2E_SERVERS.redis.url,
    UPSTASH_REDIS_REST_TOKEN: E2E_SERVERS.redis.token,
    MESSAGING: "outbox",
    OUTBOX_TOKEN: E2E_OUTBOX_TOKEN,
    // A production build on plain http at 127.0.0.1: allowed only when said explicitly.
    TWOSTEP_EMBEDDED: "1",
    NEXTAUTH_URL: E2E_SERVERS[name].url,
    NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-for-next-auth-0123456789",
    // Plivo credentials only so the voice answer route can check signatures; the outbox sends.
    PLIVO_AUTH_ID: "MAE2E0000000000000000",
    PLIVO_AUTH_TOKEN: "e2e-plivo-auth-token",
    PLIVO_FROM_NUMBER: "+14155550100",
    // Every journey comes from 127.0.0.1, so the per-address limits would count the whole suite as
    // one abuser; the limits themselves are proven in lib/limits and the security figures.
    LIMIT_SENDS_PER_IP_PER_HOUR: "100000",
    LIMIT_LOGINS_PER_IP_PER_15_MIN: "100000",
    LIMIT_DAILY_MESSAGE_BUDGET: "1000000",
    // The Redis outlives the run: a day of runs must not spend the sign-ups' own budget either.
    LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET: "1000000",
    LIMIT_RESET_REQUESTS_PER_IP_PER_HOUR: "100000",
    LIMIT_PROOF_CHALLENGES_PER_IP_PER_HOUR: "100000",
    // Journeys sign up numbers they never verify, and the Redis outlives the run: the breakers
    // against SMS pumping would pause France for the next run (lib/limits proves them).
    BREAKER_MIN_SENDS_PER_HOUR: "1000000",
    LIMIT_MESSAGES_PER_HOUR: "1000000",
    CRON_SECRET: E2E_CRON_SECRET,
  };
  if (name === "short") {
    env.CODE_TTL_SECONDS = String(SHORT_CODE_TTL_SECONDS);
    env.RESEND_COOLDOWN_SECONDS = String(SHORT_RESEND_COOLDOWN_SECONDS);
  }
  return env;
}
