import { setImmediate as nextTurn } from "node:timers/promises";
import { hash, verify } from "@node-rs/argon2";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ARGON2_OPTIONS,
  hashPassword,
  PASSWORD_HASHES_IN_FLIGHT,
  verifyPassword,
} from "./hash";

// Passes through to the real argon2; the spies count the work done, and the queue tests below
// swap in stand-ins that record when each hash runs.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, hash: vi.fn(real.hash), verify: vi.fn(real.verify) };
});

// mockReset puts back the real argon2 given to vi.fn.
afterEach(() => {
  vi.mocked(hash).mockReset();
  vi.mocked(verify).mockReset();
});

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

/**
 * Stands in for argon2: each hash and check records its password (the label) when it starts, and
 * holds its slot until `finish` (or, by default, one turn of the event loop).
 */
function recordArgon2(finish: () => Promise<void> = () => nextTurn()) {
  const seen = { running: 0, most: 0, started: [] as string[] };
  const work = async <T>(label: string, result: T) => {
    seen.running += 1;
    seen.most = Math.max(seen.most, seen.running);
    seen.started.push(label);
    await finish();
    seen.running -= 1;
    return result;
  };
  vi.mocked(hash).mockImplementation((p) => work(String(p), "$argon2id$x"));
  vi.mocked(verify).mockImplementation((_, p) => work(String(p), false));
  return seen;
}

describe("password hashes in flight", () => {
  it(`run ${PASSWORD_HASHES_IN_FLIGHT} at a time out of a burst of 50, the rest waiting their turn in order`, async () => {
    const stored = await hashPassword("correct horse battery");
    await verifyPassword(null, "warm up the dummy hash");
    const seen = recordArgon2();
    const hashes = [] as string[];
    const checks = [] as string[];
    const burst = Array.from({ length: 50 }, (_, i) => {
      const label = `attempt-${i}`;
      if (i % 3 === 0) {
        hashes.push(label);
        return hashPassword(label);
      }
      checks.push(label);
      return verifyPassword(i % 3 === 1 ? stored : null, label);
    });
    const results = await Promise.all(burst);
    expect(results).toHaveLength(50);
    expect(seen.most).toBe(PASSWORD_HASHES_IN_FLIGHT);
    expect(seen.started.filter((l) => hashes.includes(l))).toEqual(hashes);
    // Known and unknown emails' checks interleaved: one line, no one overtakes.
    expect(seen.started.filter((l) => checks.includes(l))).toEqual(checks);
  });

  it("make an unknown email wait in the same queue as a wrong password", async () => {
    const stored = await hashPassword("correct horse battery");
    await verifyPassword(null, "warm up the dummy hash");
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const seen = recordArgon2(() => gate);
    const busy = Array.from({ length: PASSWORD_HASHES_IN_FLIGHT }, (_, i) =>
      hashPassword(`sign-up-${i}`),
    );
    const unknown = verifyPassword(null, "unknown email");
    const wrong = verifyPassword(stored, "wrong password");
    await nextTurn();
    // Both wait while every slot is taken.
    expect(seen.started).toEqual(busy.map((_, i) => `sign-up-${i}`));
    open();
    expect(await Promise.all([unknown, wrong, ...busy])).toEqual([
      false,
      false,
      ...busy.map(() => "$argon2id$x"),
    ]);
    expect(seen.started.slice(PASSWORD_HASHES_IN_FLIGHT)).toEqual([
      "unknown email",
      "wrong password",
    ]);
  });

  it("share one queue between copies of the module, as Next's route bundles each load their own", async () => {
    await verifyPassword(null, "warm up the dummy hash");
    vi.resetModules();
    const copy = await import("./hash");
    expect(copy.hashPassword).not.toBe(hashPassword);
    const seen = recordArgon2();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? copy.hashPassword(`copy-${i}`) : hashPassword(`first-${i}`),
      ),
    );
    expect(seen.started).toHaveLength(12);
    expect(seen.most).toBe(PASSWORD_HASHES_IN_FLIGHT);
  });

  it("make the unknown-email stand-in hash once per process, not once per copy", async () => {
    await verifyPassword(null, "warm up the dummy hash");
    vi.resetModules();
    const copy = await import("./hash");
    const seen = recordArgon2();
    expect(await copy.verifyPassword(null, "unknown email")).toBe(false);
    expect(seen.started).toEqual(["unknown email"]);
    expect(hash).not.toHaveBeenCalled();
  });
});
