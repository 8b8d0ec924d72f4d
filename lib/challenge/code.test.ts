import * as crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { verifySchema } from "@/lib/validation";
import { generateCode, hashCode } from "./code";
import { CODE_DIGITS } from "./policy";

// Passes through to the real CSPRNG; the spy only shows that codes come from it.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomInt: vi.fn(real.randomInt) };
});

afterEach(() => vi.mocked(crypto.randomInt).mockClear());

describe("generateCode", () => {
  it("draws each code from crypto.randomInt over every possible code", () => {
    generateCode();
    expect(crypto.randomInt).toHaveBeenCalledOnce();
    expect(crypto.randomInt).toHaveBeenCalledWith(0, 10 ** CODE_DIGITS);
  });

  it("zero-pads small draws to six digits", () => {
    vi.mocked(crypto.randomInt).mockImplementationOnce(() => 42);
    expect(generateCode()).toBe("000042");
  });
});

describe("hashCode", () => {
  it("gives the same code different hashes on different challenges", () => {
    expect(hashCode("challenge-a", "123456")).not.toBe(
      hashCode("challenge-b", "123456"),
    );
    expect(hashCode("challenge-a", "123456")).toBe(
      hashCode("challenge-a", "123456"),
    );
  });

  it("never contains the code itself", () => {
    expect(hashCode("challenge-a", "123456")).not.toContain("123456");
  });
});

// The shape check moved into the code step's input schema, which also drops the spaces a person
// types or pastes ("123 456"): a code with spaces around it is now accepted, as those digits.
describe("the code a person enters", () => {
  it("is exactly six digits, spaces aside", () => {
    const code = (value: string) => verifySchema.safeParse({ code: value });
    expect(code("012345")).toMatchObject({ data: { code: "012345" } });
    expect(code(" 123456")).toMatchObject({ data: { code: "123456" } });
    for (const bad of ["12345", "1234567", "12345a", ""])
      expect(code(bad).success).toBe(false);
  });
});
