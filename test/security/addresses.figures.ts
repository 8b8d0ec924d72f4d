import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { recordExact } from "./figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The per-address limit of the password step (lowered to 5 for a short run), against a client who
// drops, forges or rotates the headers that name it. Each guess names a new email, so only the
// per-address limit can refuse. Embedded limiter, real Postgres.

const SECTION = "client addresses";
const PER_ADDRESS = 5;
const TRIES = 20;

async function loadLogin(env: Record<string, string>) {
  vi.unstubAllEnvs();
  vi.stubEnv("LIMIT_LOGINS_PER_IP_PER_15_MIN", String(PER_ADDRESS));
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const { POST } = await import("@/app/api/login/route");
  return async (headers: Record<string, string>) => {
    clearBrowser();
    const email = `${randomUUID()}@example.com`;
    const body = { email, password: "guess-1234" };
    const response = await POST(jsonRequest("/api/login", body, { headers }));
    return response.status;
  };
}
afterAll(() => vi.unstubAllEnvs());

/** How many of `TRIES` guesses, each with headers(i), got past the per-address limit. */
async function served(
  guess: (h: Record<string, string>) => Promise<number>,
  headers: (i: number) => Record<string, string>,
) {
  let passed = 0;
  for (let i = 0; i < TRIES; i++)
    if ((await guess(headers(i))) !== 429) passed++;
  return passed;
}

describe("who a request comes from", () => {
  it("limits requests with no trusted address in one shared bucket", async () => {
    const guess = await loadLogin({ TRUSTED_PROXY_HOPS: "0" });
    const passed = await served(guess, (i): Record<string, string> =>
      i % 2 ? {} : { "x-forwarded-for": `198.51.100.${i}` },
    );
    recordExact(
      SECTION,
      `requests with no trusted address (none, or client-written): served of ${TRIES}`,
      passed,
      PER_ADDRESS,
    );
    expect(passed).toBe(PER_ADDRESS);
  });

  it("gives no fresh bucket for a client-written left-most X-Forwarded-For entry", async () => {
    const guess = await loadLogin({ TRUSTED_PROXY_HOPS: "1" });
    const passed = await served(guess, (i) => ({
      "x-forwarded-for": `10.${i}.0.1, 203.0.113.77`,
    }));
    recordExact(
      SECTION,
      `one proxy hop, left-most entry rotated each time: served of ${TRIES}`,
      passed,
      PER_ADDRESS,
    );
    expect(passed).toBe(PER_ADDRESS);
  });

  it("keys IPv6 by its /64", async () => {
    const guess = await loadLogin({ TRUSTED_PROXY_HOPS: "1" });
    const passed = await served(guess, (i) => ({
      "x-forwarded-for": `2001:db8:77:88:${i.toString(16)}::${(i * 7919).toString(16)}`,
    }));
    recordExact(
      SECTION,
      `${TRIES} addresses in one IPv6 /64: served`,
      passed,
      PER_ADDRESS,
    );
    expect(passed).toBe(PER_ADDRESS);
  });
});
