import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const SECRET = "a-production-secret-of-at-least-32-chars";
const OUTBOX_TOKEN = "an-outbox-token-of-at-least-32-characters";
/** What a production deployment needs besides messaging: a database, a code store, an https URL. */
const BACKENDS = {
  DATABASE_URL: "postgresql://u:p@db.example/twostep",
  UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io",
  UPSTASH_REDIS_REST_TOKEN: "upstash-token",
  APP_URL: "https://twostep.example/",
  TRUSTED_PROXY_HOPS: "1",
};
const PLIVO = {
  PLIVO_AUTH_ID: "MAXXXXXXXXXXXXXXXXXX",
  PLIVO_AUTH_TOKEN: "token",
  PLIVO_FROM_NUMBER: "+14155550100",
};

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("parseEnv accepted the environment");
}

describe("parseEnv", () => {
  it("needs nothing in development: embedded database, store and outbox", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      production: false,
      databaseUrl: undefined,
      pgliteDir: ".data/pglite",
      upstash: undefined,
      messaging: "outbox",
      plivo: undefined,
      appUrl: "http://localhost:3000",
    });
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", APP_URL: " " }).databaseUrl).toBe(
      undefined,
    );
  });

  it("lists every missing production variable in one message", () => {
    let error: unknown;
    try {
      parseEnv({ NODE_ENV: "production" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    for (const name of [
      "NEXTAUTH_SECRET",
      "PLIVO_AUTH_ID",
      "PLIVO_AUTH_TOKEN",
      "PLIVO_FROM_NUMBER",
      "APP_URL",
    ])
      expect(message).toContain(name);
  });

  it("starts in production with a secret, Plivo, a database, a code store and an https URL", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...BACKENDS,
      ...PLIVO,
    });
    expect(env).toMatchObject({
      production: true,
      embeddedInProduction: false,
      messaging: "plivo",
      appUrl: "https://twostep.example",
      authSecret: SECRET,
      plivo: { authId: PLIVO.PLIVO_AUTH_ID, from: PLIVO.PLIVO_FROM_NUMBER },
    });
  });

  it("accepts MESSAGING=outbox in production without Plivo only with TWOSTEP_EMBEDDED=1 and an outbox token", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...BACKENDS,
      TWOSTEP_EMBEDDED: "1",
      MESSAGING: "outbox",
      OUTBOX_TOKEN,
    });
    expect(env.messaging).toBe("outbox");
    expect(env.outboxToken).toBe(OUTBOX_TOKEN);
  });

  it("refuses the outbox in production without a token, or with a short one", () => {
    const outbox = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...BACKENDS,
      TWOSTEP_EMBEDDED: "1",
      MESSAGING: "outbox",
    };
    expect(problemsOf(outbox)).toEqual([
      expect.stringMatching(/^OUTBOX_TOKEN is required in production/),
    ]);
    expect(problemsOf({ ...outbox, OUTBOX_TOKEN: "x".repeat(31) })).toEqual([
      expect.stringMatching(/^OUTBOX_TOKEN must be at least 32 characters/),
    ]);
  });

  it("refuses the outbox in a production deployment: every code would be one token away", () => {
    expect(
      problemsOf({
        NODE_ENV: "production",
        NEXTAUTH_SECRET: SECRET,
        ...BACKENDS,
        MESSAGING: "outbox",
        OUTBOX_TOKEN,
      }),
    ).toEqual([
      expect.stringMatching(
        /^MESSAGING must not be outbox in production.*TWOSTEP_EMBEDDED=1/,
      ),
    ]);
  });

  it("refuses PROOF_OF_WORK=off in production unless TWOSTEP_EMBEDDED=1: a pumping script would pay nothing per text", () => {
    const production = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...PLIVO,
      ...BACKENDS,
    };
    expect(problemsOf({ ...production, PROOF_OF_WORK: "off" })).toEqual([
      expect.stringMatching(
        /^PROOF_OF_WORK must not be off in production.*TWOSTEP_EMBEDDED=1/,
      ),
    ]);
    expect(parseEnv(production).proofOfWork).toBe(true);
    const embedded = { ...production, TWOSTEP_EMBEDDED: "1" };
    expect(parseEnv({ ...embedded, PROOF_OF_WORK: "off" }).proofOfWork).toBe(
      false,
    );
    expect(parseEnv({ PROOF_OF_WORK: "off" }).proofOfWork).toBe(false);
    expect(problemsOf({ PROOF_OF_WORK: "no" })).toEqual([
      expect.stringMatching(/^PROOF_OF_WORK /),
    ]);
  });

  it("reads the breakers' numbers and the operator's address, refusing what cannot be meant", () => {
    expect(
      parseEnv({
        BREAKER_MIN_SENDS_PER_HOUR: "50",
        BREAKER_MAX_CONVERSION_PERCENT: "0",
        BREAKER_PAUSE_MINUTES: "30",
        LIMIT_MESSAGES_PER_HOUR: "5000",
        OPERATOR_EMAIL: "Ops@Example.com",
      }),
    ).toMatchObject({
      breaker: {
        minSendsPerHour: 50,
        maxConversionPercent: 0,
        pauseMinutes: 30,
        messagesPerHour: 5000,
      },
      operatorEmail: "ops@example.com",
    });
    expect(
      problemsOf({
        BREAKER_MIN_SENDS_PER_HOUR: "0",
        BREAKER_MAX_CONVERSION_PERCENT: "101",
        BREAKER_PAUSE_MINUTES: "-5",
        LIMIT_MESSAGES_PER_HOUR: "many",
        OPERATOR_EMAIL: "ops",
      }).map((p) => p.split(" ")[0]),
    ).toEqual([
      "BREAKER_MIN_SENDS_PER_HOUR",
      "BREAKER_MAX_CONVERSION_PERCENT",
      "BREAKER_PAUSE_MINUTES",
      "LIMIT_MESSAGES_PER_HOUR",
      "OPERATOR_EMAIL",
    ]);
  });

  it("refuses production outside Vercel until TRUSTED_PROXY_HOPS says how many proxies front it", () => {
    const production: Record<string, string> = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...PLIVO,
      ...BACKENDS,
    };
    delete production.TRUSTED_PROXY_HOPS;
    expect(problemsOf(production)).toEqual([
      expect.stringMatching(
        /^TRUSTED_PROXY_HOPS is required in production outside Vercel/,
      ),
    ]);
    expect(
      parseEnv({ ...production, TRUSTED_PROXY_HOPS: "0" }).trustedProxyHops,
    ).toBe(0);
    expect(parseEnv({ ...production, VERCEL: "1" }).production).toBe(true);
  });

  it("keeps the outbox token-free in development", () => {
    expect(parseEnv({ MESSAGING: "outbox" }).outboxToken).toBe(undefined);
  });

  it("refuses production on the embedded database, the in-process store or plain http", () => {
    const production = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...PLIVO,
    };
    expect(
      problemsOf({ ...production, ...BACKENDS, DATABASE_URL: "" }),
    ).toEqual([
      expect.stringMatching(
        /^DATABASE_URL is required in production.*TWOSTEP_EMBEDDED=1/,
      ),
    ]);
    expect(
      problemsOf({
        ...production,
        ...BACKENDS,
        UPSTASH_REDIS_REST_URL: "",
        UPSTASH_REDIS_REST_TOKEN: "",
      }),
    ).toEqual([
      expect.stringMatching(
        /^UPSTASH_REDIS_REST_URL and its token are required in production.*TWOSTEP_EMBEDDED=1/,
      ),
    ]);
    expect(
      problemsOf({
        ...production,
        ...BACKENDS,
        APP_URL: "http://twostep.example",
      }),
    ).toEqual([
      expect.stringMatching(/^APP_URL must be the public https origin/),
    ]);
  });

  it("starts production on embedded parts and http when TWOSTEP_EMBEDDED=1 says so", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      TWOSTEP_EMBEDDED: "1",
      MESSAGING: "outbox",
      OUTBOX_TOKEN,
      APP_URL: "http://127.0.0.1:3100",
    });
    expect(env).toMatchObject({
      embeddedInProduction: true,
      databaseUrl: undefined,
      upstash: undefined,
      appUrl: "http://127.0.0.1:3100",
    });
  });

  it("refuses a TWOSTEP_EMBEDDED that is not 0 or 1", () => {
    expect(problemsOf({ TWOSTEP_EMBEDDED: "yes" })).toEqual([
      expect.stringMatching(/^TWOSTEP_EMBEDDED /),
    ]);
  });

  it("falls back to Vercel's production domain, then the deployment's own URL", () => {
    const vercel = { VERCEL: "1", VERCEL_URL: "twostep-git-x.vercel.app" };
    expect(
      parseEnv({
        ...vercel,
        VERCEL_ENV: "production",
        VERCEL_PROJECT_PRODUCTION_URL: "twostep.example",
      }).appUrl,
    ).toBe("https://twostep.example");
    expect(
      parseEnv({
        ...vercel,
        VERCEL_ENV: "preview",
        VERCEL_PROJECT_PRODUCTION_URL: "twostep.example",
      }).appUrl,
    ).toBe("https://twostep-git-x.vercel.app");
    expect(
      parseEnv({ ...vercel, APP_URL: "https://preview.twostep.example" })
        .appUrl,
    ).toBe("https://preview.twostep.example");
  });

  it("counts Vercel's https URL as the public URL production needs", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      ...PLIVO,
      ...BACKENDS,
      APP_URL: "",
      VERCEL: "1",
      VERCEL_ENV: "production",
      VERCEL_PROJECT_PRODUCTION_URL: "twostep.example",
    });
    expect(env).toMatchObject({
      appUrl: "https://twostep.example",
      vercel: true,
    });
  });

  it("defaults the public URL to localhost on the port Next listens on", () => {
    expect(parseEnv({ PORT: "3005" }).appUrl).toBe("http://localhost:3005");
  });

  it("takes Vercel's KV_REST_API_* names for Upstash", () => {
    const env = parseEnv({
      KV_REST_API_URL: "https://eu1-x.upstash.io",
      KV_REST_API_TOKEN: "kv-token",
    });
    expect(env.upstash).toEqual({
      url: "https://eu1-x.upstash.io",
      token: "kv-token",
    });
  });

  it("refuses an Upstash URL without its token", () => {
    expect(
      problemsOf({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }),
    ).toEqual([expect.stringContaining("UPSTASH_REDIS_REST_TOKEN")]);
  });

  it("reports a sender number that is not E.164 and a malformed URL", () => {
    const problems = problemsOf({
      ...PLIVO,
      PLIVO_FROM_NUMBER: "415 555 0100",
      APP_URL: "not a url",
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/^PLIVO_FROM_NUMBER .*E\.164/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^APP_URL /));
  });

  it("refuses a recovery waiting period under a day, and keeps three days by default", () => {
    expect(problemsOf({ RECOVERY_WAITING_HOURS: "23" })).toContainEqual(
      "RECOVERY_WAITING_HOURS must be at least 24 hours",
    );
    expect(problemsOf({ RECOVERY_WAITING_HOURS: "3d" })).toContainEqual(
      "RECOVERY_WAITING_HOURS must be a whole number of hours",
    );
    expect(
      parseEnv({ RECOVERY_WAITING_HOURS: "24" }).recoveryWaitingHours,
    ).toBe(24);
    expect(parseEnv({}).recoveryWaitingHours).toBe(72);
  });

  it("refuses a short secret and a code lifetime longer than the policy", () => {
    const problems = problemsOf({
      NEXTAUTH_SECRET: "short",
      CODE_TTL_SECONDS: "601",
    });
    expect(problems).toContainEqual(expect.stringMatching(/^NEXTAUTH_SECRET/));
    expect(problems).toContainEqual(expect.stringMatching(/^CODE_TTL_SECONDS/));
  });
});
