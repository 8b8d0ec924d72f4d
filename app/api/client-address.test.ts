import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { recordExact } from "@/test/security/figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Per-address limits through the real password step (embedded limiter): an attacker who varies or
// drops the headers naming the client must still be counted. Each guess names a new email, so only
// the per-address limit can refuse; it is lowered to 5 to keep each run short. Each attack goes on
// to 20 guesses, and the security report (`npm run test:security`) prints how many were served.

const SECTION = "client addresses";
const PER_ADDRESS = 5;
const TRIES = 20;

async function loadLogin(env: Record<string, string>) {
  vi.unstubAllEnvs();
  vi.stubEnv("LIMIT_LOGINS_PER_IP_PER_15_MIN", String(PER_ADDRESS));
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const { POST } = await import("@/app/api/login/route");
  /** One password guess for a new email, with exactly these headers; its status and error. */
  return async (headers: Record<string, string> = {}) => {
    clearBrowser();
    const body = {
      email: `${randomUUID()}@example.com`,
      password: "guess-1234",
    };
    const response = await POST(jsonRequest("/api/login", body, { headers }));
    const json = await response.json();
    return response.status === 429
      ? `429 ${json.error.code}`
      : String(response.status);
  };
}
afterAll(() => vi.unstubAllEnvs());

const allowed = Array(PER_ADDRESS).fill("401");

/** Guesses `tried` on with headers(i) up to TRIES, then records how many got past the limit. */
async function recordServed(
  figure: string,
  guess: Awaited<ReturnType<typeof loadLogin>>,
  tried: string[],
  headers: (i: number) => Record<string, string>,
) {
  while (tried.length < TRIES) tried.push(await guess(headers(tried.length)));
  const served = tried.filter((r) => !r.startsWith("429")).length;
  recordExact(SECTION, figure, served, PER_ADDRESS);
  expect(served).toBe(PER_ADDRESS);
}

describe("the per-address limit", () => {
  it("still counts requests that name no address, in one shared bucket", async () => {
    const guess = await loadLogin({ TRUSTED_PROXY_HOPS: "0" });
    const results = [];
    for (let i = 0; i < PER_ADDRESS; i++) results.push(await guess());
    expect(results).toEqual(allowed);
    const sixth = await guess();
    expect(sixth).toBe("429 RATE_LIMITED");
    // With no trusted proxy, a client-written X-Forwarded-For is no way out of that bucket.
    const forwarded = await guess({ "x-forwarded-for": "198.51.100.1" });
    expect(forwarded).toBe("429 RATE_LIMITED");
    const realIp = await guess({ "x-real-ip": "198.51.100.2" });
    expect(realIp).toBe("429 RATE_LIMITED");
    await recordServed(
      `requests with no trusted address (none, or client-written): served of ${TRIES}`,
      guess,
      [...results, sixth, forwarded, realIp],
      (i): Record<string, string> =>
        i % 2 ? {} : { "x-forwarded-for": `198.51.100.${i}` },
    );
  });

  it("ignores the entries a client wrote to the left of what the trusted proxy appended", async () => {
    const guess = await loadLogin({ TRUSTED_PROXY_HOPS: "1" });
    const spoofed = (i: number) => ({
      "x-forwarded-for": `10.0.0.${i}, 203.0.113.${i % 2 ? 1 : 2}, 203.0.113.9`,
    });
    const results = [];
    for (let i = 0; i < PER_ADDRESS; i++) results.push(await guess(spoofed(i)));
    expect(results).toEqual(allowed);
    const sixth = await guess(spoofed(99));
    expect(sixth).toBe("429 RATE_LIMITED");
    await recordServed(
      `one proxy hop, left-most entry rotated each time: served of ${TRIES}`,
      guess,
      [...results, sixth],
      spoofed,
    );
    // The bucket is that client's, not everyone's: another address is still served.
    expect(await guess({ "x-forwarded-for": "203.0.113.10" })).toBe("401");
  });

  it("counts two addresses of one IPv6 /64 as one client", async () => {
    const guess = await loadLogin({ TRUSTED_PROXY_HOPS: "1" });
    const inPrefix = [
      "2001:db8:aa:bb::1",
      "2001:db8:aa:bb:ffff:ffff:ffff:fffe",
      "2001:DB8:AA:BB:0:0:0:1234",
      "2001:db8:aa:bb:1::",
      "2001:0db8:00aa:00bb::5",
    ];
    const results = [];
    for (const ip of inPrefix)
      results.push(await guess({ "x-forwarded-for": ip }));
    expect(results).toEqual(allowed);
    const sixth = await guess({ "x-forwarded-for": "2001:db8:aa:bb::2" });
    expect(sixth).toBe("429 RATE_LIMITED");
    await recordServed(
      `${TRIES} addresses in one IPv6 /64: served`,
      guess,
      [...results, sixth],
      (i) => ({
        "x-forwarded-for": `2001:db8:aa:bb:${i.toString(16)}::${(i * 7919).toString(16)}`,
      }),
    );
    expect(await guess({ "x-forwarded-for": "2001:db8:aa:bc::1" })).toBe("401");
  });

  it("on Vercel, goes by the address Vercel's edge sets, whatever X-Forwarded-For says", async () => {
    const guess = await loadLogin({ VERCEL: "1" });
    const results = [];
    for (let i = 0; i < PER_ADDRESS; i++)
      results.push(
        await guess({
          "x-real-ip": "192.0.2.44",
          "x-forwarded-for": `192.0.2.${100 + i}`,
        }),
      );
    expect(results).toEqual(allowed);
    expect(
      await guess({
        "x-real-ip": "192.0.2.44",
        "x-forwarded-for": "192.0.2.1",
      }),
    ).toBe("429 RATE_LIMITED");
  });
});
