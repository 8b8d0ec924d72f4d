import { afterEach, describe, expect, it, vi } from "vitest";

// Who sent a request, as the per-address limits see it. getEnv() caches, so each deployment shape
// loads the module afresh.

async function load(env: Record<string, string>) {
  vi.unstubAllEnvs();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  return import("./request-facts");
}
afterEach(() => vi.unstubAllEnvs());

const headers =
  (h: Record<string, string>) =>
  (name: string): string | null =>
    h[name] ?? null;

describe("clientAddress", () => {
  it("knows no address without a trusted hop, whatever the client writes", async () => {
    const { clientAddress } = await load({});
    const get = headers({
      "x-forwarded-for": "198.51.100.7",
      "x-real-ip": "198.51.100.8",
    });
    expect(clientAddress(get)).toBeNull();
  });

  it("takes the entry the outermost trusted proxy appended, counted from the right", async () => {
    const one = await load({ TRUSTED_PROXY_HOPS: "1" });
    const chain = headers({
      "x-forwarded-for": "10.9.9.9, 198.51.100.7, 203.0.113.5",
    });
    expect(one.clientAddress(chain)).toBe("203.0.113.5");
    const two = await load({ TRUSTED_PROXY_HOPS: "2" });
    expect(two.clientAddress(chain)).toBe("198.51.100.7");
  });

  it("knows no address when the chain is shorter than the trusted hops, or not an address", async () => {
    const { clientAddress } = await load({ TRUSTED_PROXY_HOPS: "2" });
    expect(
      clientAddress(headers({ "x-forwarded-for": "203.0.113.5" })),
    ).toBeNull();
    expect(clientAddress(headers({}))).toBeNull();
    const one = await load({ TRUSTED_PROXY_HOPS: "1" });
    expect(
      one.clientAddress(headers({ "x-forwarded-for": "1.2.3.4, evil" })),
    ).toBeNull();
  });

  it("on Vercel reads only x-real-ip, which its edge sets", async () => {
    const { clientAddress } = await load({ VERCEL: "1" });
    expect(
      clientAddress(
        headers({ "x-real-ip": "192.0.2.4", "x-forwarded-for": "10.0.0.1" }),
      ),
    ).toBe("192.0.2.4");
    expect(
      clientAddress(headers({ "x-forwarded-for": "10.0.0.1" })),
    ).toBeNull();
  });
});
