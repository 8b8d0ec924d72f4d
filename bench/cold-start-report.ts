import { BUDGETS } from "./config";
import {
  COLD_STARTS,
  coldStartPasses,
  EMPTY_PAGE,
  FIRST_QUERY,
  FLOOR_ROUTE,
  type ColdStartRow,
} from "./cold-start";
import type { FunctionSize } from "./function-size";
import type { Check } from "./report";
import { table } from "./table";

// The cold-start section of the report: each route's first request on a fresh server against the
// floor route's, the budget checks on them, and what each function carries.

export function coldStartChecks(rows: ColdStartRow[]): Check[] {
  return rows
    .filter((row) => row.budgeted)
    .map((row) => ({
      budget: `cold start: ${row.route} vs floor (median of ${row.starts} starts)`,
      value: row.unexpected
        ? `answered ${row.unexpected}`
        : `${row.ratio.toFixed(2)}× (worst ${row.worstRatio.toFixed(2)}×)`,
      limit: `≤ ${BUDGETS.maxColdStartRatio}×`,
      pass: coldStartPasses(row),
    }));
}

export function coldStartLines(
  rows: ColdStartRow[],
  functions: FunctionSize[],
): string[] {
  const floor = rows.find((r) => r.route === FLOOR_ROUTE);
  const out = [
    `\nCold starts: a fresh \`next start\` per request, with no warm-up and loading only the route asked for; its first request sent once the port accepts a connection; ${COLD_STARTS} rounds, each starting every route once; medians over the rounds, each ratio to the same round's floor (budget ≤ ${BUDGETS.maxColdStartRatio}×):`,
    table(
      [
        "first request",
        "first ms",
        "vs floor",
        "worst",
        "vs empty page",
        "CPU ms",
        "CPU vs floor",
        "spawn → answer ms",
        "port open ms",
        "unexpected",
      ],
      rows.map((r) => [
        r.budgeted ? r.route : `${r.route} (reference)`,
        r.firstMs,
        `${r.ratio.toFixed(2)}×`,
        `${r.worstRatio.toFixed(2)}×`,
        r.vsEmptyPage === undefined ? "—" : `${r.vsEmptyPage.toFixed(2)}×`,
        r.cpuMs,
        `${r.cpuRatio.toFixed(2)}×`,
        r.fromSpawnMs,
        r.portOpenMs,
        r.unexpected || "—",
      ]),
    ),
  ];
  if (floor)
    out.push(
      `  Every first request also pays what Next still does after opening its port (config, router, instrumentation): the floor's ${floor.firstMs} ms is that and an empty route. Pages load Next's page renderer besides, which no route handler needs: "vs empty page" is a page's first request against the empty page's.`,
      ...outOfReach(rows),
    );
  out.push(
    "\nFunction size (the build's file traces: the entry, its .nft.json and the minimal Next server's, each file once):",
    table(
      ["function", "files", "MB", "largest packages (MB)", "largest file (MB)"],
      functions.map((f) => [
        f.name,
        f.files,
        f.mb.toFixed(2),
        f.top.map((t) => `${t.where} ${t.mb.toFixed(2)}`).join(", "),
        `${f.largestFile.file} ${f.largestFile.mb.toFixed(2)}`,
      ]),
    ),
  );
  return out;
}

/** What the references say no route can beat: shown only while they are over the budget. */
function outOfReach(rows: ColdStartRow[]): string[] {
  const limit = BUDGETS.maxColdStartRatio;
  const over = (name: string) =>
    rows.find((r) => r.route === name && r.ratio > limit);
  const query = over(FIRST_QUERY);
  const empty = over(EMPTY_PAGE);
  return [
    ...(query
      ? [
          `  The database's first query alone (Prisma's client and query compiler, a new connection, the password step's two queries, nothing else) is ${query.ratio.toFixed(2)}× the floor: a first request that reads the database (the password step, /account) is over the ${limit}× budget before its own work.`,
        ]
      : []),
    ...(empty
      ? [
          `  The empty page alone is ${empty.ratio.toFixed(2)}× the floor: no page's first request can meet the ${limit}× budget.`,
        ]
      : []),
  ];
}
