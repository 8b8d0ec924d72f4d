import { afterEach, describe, expect, it, vi } from "vitest";
import { startServer } from "@/instrumentation-node";
import { parseEnv } from "@/lib/env";
import {
  decideStartup,
  defaultNextAuthUrl,
  clientAddressWarning,
  embeddedWarning,
} from "./startup";

const BAD = { NODE_ENV: "production" };

describe("decideStartup", () => {
  it("starts on a valid environment", () => {
    const decision = decideStartup({});
    expect(decision.kind).toBe("start");
  });

  it("stops the process with the message outside Vercel", () => {
    expect(decideStartup(BAD)).toEqual({
      kind: "exit",
      message: expect.stringMatching(
        /^Twostep cannot start: the environment is not valid\.\n {2}- NEXTAUTH_SECRET is required in production/,
      ),
    });
  });

  it("logs the message and keeps serving (errors) on Vercel", () => {
    expect(decideStartup({ ...BAD, VERCEL: "1" })).toEqual({
      kind: "log",
      message: expect.stringContaining("NEXTAUTH_SECRET"),
    });
  });
});

describe("defaultNextAuthUrl", () => {
  it("hands next-auth the validated public URL when NEXTAUTH_URL is unset", () => {
    const target: Record<string, string | undefined> = { PORT: "3005" };
    defaultNextAuthUrl(parseEnv(target), target);
    expect(target.NEXTAUTH_URL).toBe("http://localhost:3005");
  });

  it("leaves a set NEXTAUTH_URL alone, and Vercel's request-derived origin", () => {
    const set = {
      NEXTAUTH_URL: "https://a.example",
      APP_URL: "https://b.example",
    };
    defaultNextAuthUrl(parseEnv(set), set);
    expect(set.NEXTAUTH_URL).toBe("https://a.example");
    const vercel: Record<string, string | undefined> = {
      VERCEL: "1",
      VERCEL_URL: "x.vercel.app",
    };
    defaultNextAuthUrl(parseEnv(vercel), vercel);
    expect(vercel.NEXTAUTH_URL).toBe(undefined);
  });
});

describe("embeddedWarning", () => {
  it("names every embedded part production runs on with TWOSTEP_EMBEDDED=1", () => {
    const warning = embeddedWarning(
      parseEnv({
        NODE_ENV: "production",
        NEXTAUTH_SECRET: "x".repeat(32),
        TWOSTEP_EMBEDDED: "1",
        MESSAGING: "outbox",
        OUTBOX_TOKEN: "t".repeat(32),
        APP_URL: "http://127.0.0.1:3100",
        PROOF_OF_WORK: "off",
      }),
    );
    expect(warning).toMatch(/TWOSTEP_EMBEDDED=1 IN PRODUCTION/);
    expect(warning).toMatch(/PROOF_OF_WORK=off/);
    expect(warning).toMatch(/PGlite/);
    expect(warning).toMatch(/memory/);
    expect(warning).toMatch(/http:\/\/127\.0\.0\.1:3100/);
  });

  it("is silent in development", () => {
    expect(embeddedWarning(parseEnv({ TWOSTEP_EMBEDDED: "1" }))).toBe(
      undefined,
    );
  });
});

// What the server does at start-up with a bad environment: stop outside Vercel, log on Vercel.
afterEach(() => {
  vi.restoreAllMocks();
});

function capture() {
  const exit = vi.spyOn(process, "exit").mockImplementation((() => {
    throw new Error("exited");
  }) as never);
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  return { exit, error };
}

describe("startServer", () => {
  it("prints the problems and exits with 1 on an invalid environment", async () => {
    const { exit, error } = capture();
    await expect(startServer({ NODE_ENV: "production" })).rejects.toThrow(
      "exited",
    );
    expect(exit).toHaveBeenCalledWith(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /^Twostep cannot start: the environment is not valid\.\n.*NEXTAUTH_SECRET/,
    );
  });

  it("logs the problems and keeps running on Vercel", async () => {
    const { exit, error } = capture();
    await startServer({ NODE_ENV: "production", VERCEL: "1" });
    expect(exit).not.toHaveBeenCalled();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/NEXTAUTH_SECRET/);
  });
});

describe("clientAddressWarning", () => {
  const production = {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: "x".repeat(32),
    TWOSTEP_EMBEDDED: "1",
    MESSAGING: "outbox",
    OUTBOX_TOKEN: "t".repeat(32),
    APP_URL: "http://127.0.0.1:3100",
  };

  it("warns in production outside Vercel when no proxy hop is trusted", () => {
    expect(clientAddressWarning(parseEnv(production))).toMatch(
      /TRUSTED_PROXY_HOPS is 0/,
    );
  });

  it("says nothing with a trusted hop, on Vercel, or in development", () => {
    expect(
      clientAddressWarning(
        parseEnv({ ...production, TRUSTED_PROXY_HOPS: "1" }),
      ),
    ).toBeUndefined();
    expect(
      clientAddressWarning(parseEnv({ ...production, VERCEL: "1" })),
    ).toBeUndefined();
    expect(clientAddressWarning(parseEnv({}))).toBeUndefined();
  });
});
