import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { TOTP_PERIOD_SECONDS } from "./policy";
import { formatSetupKey, matchTotpStep, newTotpSecret, totpUri } from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890", 8 digits, 30-second steps.
const RFC_SECRET = Secret.fromLatin1("12345678901234567890");
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const codeAt = (secret: string, ms: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: ms });

describe("TOTP", () => {
  it.each(RFC_VECTORS)(
    "gives RFC 6238's code at %i s with its SHA-1 seed",
    (seconds, code) => {
      expect(
        TOTP.generate({
          secret: RFC_SECRET,
          algorithm: "SHA1",
          digits: 8,
          period: 30,
          timestamp: seconds * 1000,
        }),
      ).toBe(code);
    },
  );

  it("accepts the RFC vectors' 6-digit codes, naming the time step each belongs to", () => {
    const secret = RFC_SECRET.base32;
    for (const [seconds, code] of RFC_VECTORS) {
      const step = Math.floor(seconds / 30);
      expect(matchTotpStep(secret, code.slice(2), seconds * 1000)).toBe(step);
    }
  });

  it("accepts the current step and the one before it, never a later step or an older one", () => {
    const secret = newTotpSecret();
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
    const at = (k: number) =>
      codeAt(secret, now + k * TOTP_PERIOD_SECONDS * 1000);
    expect(matchTotpStep(secret, at(0), now)).toBe(step);
    expect(matchTotpStep(secret, at(-1), now)).toBe(step - 1);
    for (const k of [-3, -2, 1, 2, 3])
      if (![at(-1), at(0)].includes(at(k)))
        expect(matchTotpStep(secret, at(k), now)).toBeNull();
  });

  it("refuses a wrong code and another secret's code", () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const right = codeAt(secret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotpStep(secret, wrong, now)).toBeNull();
    expect(matchTotpStep(newTotpSecret(), right, now)).toBeNull();
  });

  it("makes 160-bit secrets from the CSPRNG, shown in groups of 4 for typing", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/); // 32 base32 characters = 160 bits
    expect(newTotpSecret()).not.toBe(a);
    expect(formatSetupKey(a).replace(/ /g, "")).toBe(a);
    expect(formatSetupKey(a)).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  });

  it("puts issuer, account, 6 digits, 30 s and SHA-1 in the QR code's URI", () => {
    const uri = new URL(totpUri("JBSWY3DPEHPK3PXP", "ada@example.com"));
    expect(`${uri.protocol}//${uri.host}`).toBe("otpauth://totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Twostep:ada@example.com");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret: "JBSWY3DPEHPK3PXP",
      issuer: "Twostep",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});
