import { describe, expect, it } from "vitest";
import { FRESH_SECOND_FACTOR_SECONDS, isFreshSecondFactor } from "./policy";

const NOW = Date.UTC(2026, 0, 1);
const WINDOW_MS = FRESH_SECOND_FACTOR_SECONDS * 1000;

describe("a second factor is fresh enough to change factors", () => {
  it("when it passed just now or exactly 10 minutes ago", () => {
    expect(isFreshSecondFactor(NOW, NOW)).toBe(true);
    expect(isFreshSecondFactor(NOW - WINDOW_MS, NOW)).toBe(true);
  });

  it("not a millisecond later than 10 minutes", () => {
    expect(isFreshSecondFactor(NOW - WINDOW_MS - 1, NOW)).toBe(false);
  });

  it("never when the session does not say when it passed", () => {
    expect(isFreshSecondFactor(null, NOW)).toBe(false);
  });
});
