import { verify } from "@node-rs/argon2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from "./password";

// Passes through to the real argon2; the spy only counts the work done.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

afterEach(() => vi.mocked(verify).mockClear());

describe("hashPassword", () => {
  it("uses argon2id with OWASP's minimum parameters", async () => {
    const hash = await hashPassword("correct horse battery");
    const { memoryCost: m, timeCost: t, parallelism: p } = ARGON2_OPTIONS;
    expect(hash).toMatch(
      new RegExp(`^\\$argon2id\\$v=19\\$m=${m},t=${t},p=${p}\\$`),
    );
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(t).toBeGreaterThanOrEqual(2);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery")).toBe(false);
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("refuses an unknown user after the same argon2 work as a real check", async () => {
    await verifyPassword(null, "warm up the dummy hash");
    vi.mocked(verify).mockClear();
    expect(
      await verifyPassword(null, "twostep-dummy-password-for-timing"),
    ).toBe(false);
    expect(verify).toHaveBeenCalledOnce();
    expect(vi.mocked(verify).mock.calls[0]![0]).toMatch(/^\$argon2id\$/);
  });
});
