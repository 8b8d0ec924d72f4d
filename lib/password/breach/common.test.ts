import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS_REFUSED } from "@/lib/password/policy";
import {
  CUT_FILE,
  LINES_KEPT,
  SOURCE_FILE,
} from "@/scripts/cut-password-list.mjs";
import { COMMON_PASSWORDS_FILE, isCommonPassword } from "./common";

const lines = (file: string, count: number) =>
  readFileSync(file, "utf8").split("\n").slice(0, count);

describe("the common-password list a deployment carries", () => {
  it("is the package's list cut to exactly the lines the check reads, in order", () => {
    expect(LINES_KEPT).toBe(COMMON_PASSWORDS_REFUSED);
    expect(COMMON_PASSWORDS_FILE.endsWith(CUT_FILE)).toBe(true);
    const cut = readFileSync(CUT_FILE, "utf8").trimEnd().split("\n");
    expect(cut).toHaveLength(COMMON_PASSWORDS_REFUSED);
    expect(cut).toEqual(lines(SOURCE_FILE, COMMON_PASSWORDS_REFUSED));
  });

  it("refuses a long-enough password from the kept lines, and not one that only the rest of the list holds", async () => {
    const all = lines(SOURCE_FILE, LINES_KEPT + 500).map((p) => p.trim());
    const kept = new Set(all.slice(0, LINES_KEPT).map((p) => p.toLowerCase()));
    const longEnough = (p: string) => p.length >= 8;
    const inside = all.slice(0, LINES_KEPT).reverse().find(longEnough)!;
    const outside = all
      .slice(LINES_KEPT)
      .find((p) => longEnough(p) && !kept.has(p.toLowerCase()))!;
    expect(await isCommonPassword(inside)).toBe(true);
    expect(await isCommonPassword(outside)).toBe(false);
  });
});
