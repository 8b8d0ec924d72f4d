import { describe, expect, it } from "vitest";
import { utcMoment } from "./dates";

describe("a moment in UTC", () => {
  const at = "2026-12-10T07:59:30.000Z";

  it("writes the moment in English exactly as the notices do", () => {
    expect(utcMoment(at, "en")).toBe("Thu, 10 Dec 2026 07:59 UTC");
    expect(utcMoment("2027-09-05T23:04:00Z", "en")).toBe(
      "Sun, 05 Sep 2027 23:04 UTC",
    );
  });

  it("writes the moment in German in German's own order, still in UTC", () => {
    const german = utcMoment(at, "de");
    expect(german).toMatch(/^Do\., 10\. Dez\. 2026/);
    expect(german).toContain("07:59");
    expect(german).toContain("UTC");
  });

  it("writes the moment in French with French words", () => {
    expect(utcMoment(at, "fr")).toMatch(/^jeu\. 10 déc\. 2026/);
  });
});
