import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { createMessenger } from "./index";

const plivoVars = {
  PLIVO_AUTH_ID: "MATESTAUTHID0000000",
  PLIVO_AUTH_TOKEN: "token",
  PLIVO_FROM_NUMBER: "+14155550100",
  APP_URL: "https://app.example.com",
};
const SECRET = "x".repeat(32);

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[
    Symbol.for("twostep.messaging.outbox-warned")
  ];
});

describe("createMessenger", () => {
  it("uses the outbox by default outside production", () => {
    expect(createMessenger(parseEnv({ NODE_ENV: "development" })).kind).toBe(
      "outbox",
    );
  });

  it("uses Plivo when its credentials are set", () => {
    expect(
      createMessenger(parseEnv({ NODE_ENV: "development", ...plivoVars })).kind,
    ).toBe("plivo");
  });

  it("uses the outbox when asked, even with Plivo credentials", () => {
    const env = parseEnv({
      NODE_ENV: "development",
      MESSAGING: "outbox",
      ...plivoVars,
    });
    expect(createMessenger(env).kind).toBe("outbox");
  });

  it("warns loudly, once, when production runs on the outbox", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const env = parseEnv({
      NODE_ENV: "production",
      MESSAGING: "outbox",
      OUTBOX_TOKEN: SECRET,
      TWOSTEP_EMBEDDED: "1",
      NEXTAUTH_SECRET: SECRET,
    });
    createMessenger(env);
    createMessenger(env);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /MESSAGING=outbox IN PRODUCTION/,
    );
  });

  it("stays quiet about the outbox outside production", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    createMessenger(parseEnv({ NODE_ENV: "development" }));
    expect(warn).not.toHaveBeenCalled();
  });
});
