import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { roundTripsOf, startTestUpstash } from "@/test/support/redis";
import { randomMobile } from "@/test/support/phones";

// Code-store round trips per request through the real route handlers, store and limiter both on
// Upstash (over real Redis), counted as the HTTP requests the REST endpoint receives (the store
// and limiters share one client). Deterministic, so pinned here; the benchmark (bench) reports the
// same counts under load.

vi.mock("next/headers", () => import("@/test/support/next-request"));

/** Issue 5: a send costs at most 2 round trips, rate limits included; a verify exactly 1. */
const MAX_SEND_TRIPS = 2;
const VERIFY_TRIPS = 1;

let server: Awaited<ReturnType<typeof startTestUpstash>>;
let routes: {
  signup: typeof import("@/app/api/signup/route").POST;
  send: typeof import("./send/route").POST;
  verify: typeof import("./verify/route").POST;
};

beforeAll(async () => {
  server = await startTestUpstash();
  vi.stubEnv("UPSTASH_REDIS_REST_URL", server.url);
  vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", server.token);
  vi.stubEnv("RESEND_COOLDOWN_SECONDS", "0");
  // This Redis outlives the run (e2e and earlier runs share its keys): the per-address and daily
  // counters are not what is measured here, so they are raised; numbers and emails are fresh.
  vi.stubEnv("LIMIT_SENDS_PER_IP_PER_HOUR", "1000000");
  vi.stubEnv("LIMIT_LOGINS_PER_IP_PER_15_MIN", "1000000");
  vi.stubEnv("LIMIT_DAILY_MESSAGE_BUDGET", "1000000");
  vi.stubEnv("LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET", "1000000");
  vi.resetModules();
  routes = {
    signup: (await import("@/app/api/signup/route")).POST,
    send: (await import("./send/route")).POST,
    verify: (await import("./verify/route")).POST,
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

const tripsOf = (request: () => Promise<Response>, status = 200) =>
  roundTripsOf(server, async () =>
    expect((await request()).status).toBe(status),
  );

const phone = () => randomMobile("+3361");

describe("round trips per request", () => {
  it("resends a code, or calls instead, in at most two round trips including rate limits", async () => {
    for (let person = 0; person < 2; person++) {
      cookieJar.clear();
      const body = {
        email: `trips-${randomUUID()}@example.com`,
        password: "long enough pw",
        phone: phone(),
      };
      await tripsOf(() =>
        routes.signup(jsonRequest("/api/signup", body, { ip: "203.0.113.7" })),
      );
      const sms = await tripsOf(() =>
        routes.send(jsonRequest("/api/otp/send", { channel: "sms" })),
      );
      const call = await tripsOf(() =>
        routes.send(jsonRequest("/api/otp/send", { channel: "voice" })),
      );
      expect(sms).toBeLessThanOrEqual(MAX_SEND_TRIPS);
      expect(call).toBeLessThanOrEqual(MAX_SEND_TRIPS);
    }
  });

  it("checks a wrong code in exactly one round trip", async () => {
    const wrong = await tripsOf(
      () => routes.verify(jsonRequest("/api/otp/verify", { code: "000000" })),
      400,
    );
    expect(wrong).toBe(VERIFY_TRIPS);
  });
});
