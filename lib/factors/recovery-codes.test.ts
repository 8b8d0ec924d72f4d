import { describe, expect, it } from "vitest";
import { RECOVERY_CODE_CHARS, RECOVERY_CODE_COUNT } from "./policy";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from "./recovery-codes";

describe("recovery codes", () => {
  it("come as 10 codes of 24 base32 characters (120 bits) in groups of 4", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_CHARS * 5).toBeGreaterThanOrEqual(112);
    for (const code of codes)
      expect(code).toMatch(/^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$/);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
  });

  it("use every character of the alphabet in every position", () => {
    const seen = Array.from(
      { length: RECOVERY_CODE_CHARS },
      () => new Set<string>(),
    );
    for (let i = 0; i < 200; i++)
      for (const code of generateRecoveryCodes())
        [...code.replace(/-/g, "")].forEach((ch, p) => seen[p]!.add(ch));
    for (const s of seen) expect(s.size).toBe(32);
  });

  it("are read in any case, with or without spaces and dashes, a zero or one as O or I", () => {
    const code = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX";
    const plain = "ABCDEFGHIJKLMNOPQRSTUVWX";
    expect(normalizeRecoveryCode(code)).toBe(plain);
    expect(normalizeRecoveryCode(" abcd efgh ijkl mnop qrst uvwx ")).toBe(
      plain,
    );
    expect(normalizeRecoveryCode("ABCD-EFGH-1JKL-MN0P-QRST-UVWX")).toBe(plain);
    for (const bad of [
      "",
      "ABCD",
      `${plain}A`,
      "ABCD-EFGH-IJKL-MNOP-QRST-UVW9",
    ])
      expect(normalizeRecoveryCode(bad)).toBeNull();
  });

  it("are stored as a keyed hash bound to their owner, never as the code", () => {
    const code = normalizeRecoveryCode(generateRecoveryCodes()[0]!)!;
    const hash = hashRecoveryCode("user-1", code);
    expect(hash).toMatch(/^[\w-]{43}$/);
    expect(hash).not.toContain(code);
    expect(hashRecoveryCode("user-1", code)).toBe(hash);
    expect(hashRecoveryCode("user-2", code)).not.toBe(hash);
  });
});
