import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    "//evil.example",
    "https://evil.example/account",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "account",
    "",
    null,
    undefined,
  ])("falls back for %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/account");
  });

  it("keeps a same-origin path with its query", () => {
    expect(safeRedirectPath("/account?x=1")).toBe("/account?x=1");
  });

  it("keeps an encoded double slash as a path on this site", () => {
    expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
  });
});
