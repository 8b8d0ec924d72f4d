import { appendFileSync } from "node:fs";
import { expect, inject } from "vitest";

// One row of the security table. Each figures file, and each integration test that measures a
// security scenario, records its rows here (a JSON-lines file the global setup made), and
// test/security/report.ts prints them all once the run is over. Outside `npm run test:security`
// no file was provided and a row is only returned: the plain run asserts the same scenario without
// printing it, so no scenario needs writing twice.

declare module "vitest" {
  export interface ProvidedContext {
    figuresFile: string;
  }
}

export interface Figure {
  section: string;
  figure: string;
  value: string | number;
  expected: string | number;
  ok: boolean;
}

/** A row as the run writes it: with the test file that recorded it, to order a section's rows. */
export type RecordedFigure = Figure & { source: string };

export function recordFigure(row: Figure): Figure {
  const file: string | undefined = inject("figuresFile");
  const recorded: RecordedFigure = {
    ...row,
    source: expect.getState().testPath ?? "",
  };
  if (file) appendFileSync(file, `${JSON.stringify(recorded)}\n`);
  return row;
}

/** A figure that must equal its expectation exactly. */
export function recordExact(
  section: string,
  figure: string,
  value: string | number,
  expected: string | number,
): Figure {
  return recordFigure({
    section,
    figure,
    value,
    expected,
    ok: value === expected,
  });
}

/** Fixed-width table: section | figure | value | expected | ok. */
export function formatFigures(rows: Figure[]): string {
  const head = ["section", "figure", "value", "expected", "ok"];
  const cells = rows.map((r) => [
    r.section,
    r.figure,
    String(r.value),
    String(r.expected),
    r.ok ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => c[i]!.length)),
  );
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(head), rule, ...cells.map(line)].join("\n");
}
