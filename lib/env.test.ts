import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const SECRET = "a-production-secret-of-at-least-32-chars";
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

  it("starts in production with a secret, Plivo and a public URL", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      APP_URL: "https://twostep.example/",
      ...PLIVO,
    });
    expect(env).toMatchObject({
      production: true,
      messaging: "plivo",
      appUrl: "https://twostep.example",
      authSecret: SECRET,
      plivo: { authId: PLIVO.PLIVO_AUTH_ID, from: PLIVO.PLIVO_FROM_NUMBER },
    });
  });

  it("accepts MESSAGING=outbox in production without Plivo", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: SECRET,
      MESSAGING: "outbox",
    });
    expect(env.messaging).toBe("outbox");
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

  it("refuses a short secret and a code lifetime longer than the policy", () => {
    const problems = problemsOf({
      NEXTAUTH_SECRET: "short",
      CODE_TTL_SECONDS: "601",
    });
    expect(problems).toContainEqual(expect.stringMatching(/^NEXTAUTH_SECRET/));
    expect(problems).toContainEqual(expect.stringMatching(/^CODE_TTL_SECONDS/));
  });
});
