import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, NONCE_BYTES } from "./csp";

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split("; ").map((d) => {
      const [name, ...values] = d.split(" ");
      return [name!, values];
    }),
  );

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the request's nonce, never inline or from a string", () => {
    const csp = directives(contentSecurityPolicy("abc123", { dev: false }));
    expect(csp["script-src"]).toEqual([
      "'self'",
      "'nonce-abc123'",
      "'strict-dynamic'",
    ]);
  });

  it("grants 'unsafe-eval' to the development server only", () => {
    const csp = directives(contentSecurityPolicy("abc123", { dev: true }));
    expect(csp["script-src"]).toContain("'unsafe-eval'");
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
  });

  it("refuses <base>, plugins, framing and forms to other sites", () => {
    const csp = directives(contentSecurityPolicy("abc123", { dev: false }));
    expect(csp["base-uri"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
  });
});

describe("createNonce", () => {
  it("is 128 random bits, base64, new each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(NONCE_BYTES);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
  });
});
