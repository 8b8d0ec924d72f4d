import { BENCH } from "./config";
import type { Stalls } from "./counters";
import { measure, type Row, type Scenario, type Target } from "./load";
import {
  challengeScenarios,
  floorScenario,
  type ChallengeScenarios,
} from "./scenarios";
import type { ChallengeMaker } from "./seed";

// This machine's speed drifts by up to 2× between minutes, so a ratio to a floor measured once, at
// the start, says as much about the drift as about the route. Each scenario is measured in rounds,
// each right after a floor window of its own on the same server; a scenario's ratios are the
// median of its rounds' ratios, and its figures the median of its rounds'.

/** The middle value, or the mean of the two middle ones. */
export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ratio = (a: number, b: number) => (b ? a / b : Infinity);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export interface Pair {
  floor: Row;
  row: Row;
}

/** A floor window, then the scenario's, back to back. */
export async function measurePair(
  server: Target,
  floor: Scenario,
  scenario: Scenario,
): Promise<Pair> {
  return {
    floor: await measure(server, floor),
    row: await measure(server, scenario),
  };
}

function combineStalls(all: Stalls[]): Stalls {
  const pick = (f: (s: Stalls) => number) => all.map(f);
  return {
    servedP99Ms: median(pick((s) => s.servedP99Ms)),
    servedMaxMs: Math.max(...pick((s) => s.servedMaxMs)),
    loopDelayP99Ms: median(pick((s) => s.loopDelayP99Ms)),
    loopDelayMaxMs: Math.max(...pick((s) => s.loopDelayMaxMs)),
    gc: {
      count: sum(pick((s) => s.gc.count)),
      totalMs: sum(pick((s) => s.gc.totalMs)),
      maxMs: Math.max(...pick((s) => s.gc.maxMs)),
      majorMs: sum(pick((s) => s.gc.majorMs)),
    },
    upstashP99Ms: median(pick((s) => s.upstashP99Ms)),
    upstashMaxMs: Math.max(...pick((s) => s.upstashMaxMs)),
    upstashCommandsPerTrip: median(pick((s) => s.upstashCommandsPerTrip)),
  };
}

/** One row from several windows of one scenario: medians of rates and latencies, sums of counts. */
export function combineRows(rows: Row[], vsFloor: Row["vsFloor"]): Row {
  const statuses: Record<string, number> = {};
  for (const r of rows)
    for (const [k, v] of Object.entries(r.statuses))
      statuses[k] = (statuses[k] ?? 0) + v;
  const first = rows[0]!;
  return {
    ...first,
    rounds: rows.length,
    rps: Math.round(median(rows.map((r) => r.rps))),
    p50: Math.round(median(rows.map((r) => r.p50))),
    p90: Math.round(median(rows.map((r) => r.p90))),
    p99: Math.round(median(rows.map((r) => r.p99))),
    cpuMsPerRequest: median(rows.map((r) => r.cpuMsPerRequest)),
    sysMsPerRequest: median(rows.map((r) => r.sysMsPerRequest)),
    requests: sum(rows.map((r) => r.requests)),
    errors: sum(rows.map((r) => r.errors)),
    non2xx: sum(rows.map((r) => r.non2xx)),
    unexpected: sum(rows.map((r) => r.unexpected)),
    statuses,
    stalls: combineStalls(rows.map((r) => r.stalls)),
    vsFloor,
  };
}

/** The scenario's row, its ratios the median of each round's against the floor just before it. */
export function combinePairs(pairs: Pair[]): Row {
  const ratios = (f: (r: Row) => number) =>
    median(pairs.map(({ floor, row }) => ratio(f(row), f(floor))));
  return combineRows(
    pairs.map((p) => p.row),
    {
      rps: ratios((r) => r.rps),
      p99: ratios((r) => r.p99),
      cpu: ratios((r) => r.cpuMsPerRequest),
    },
  );
}

/** Every floor window of one server as one row. */
export function combineFloors(floors: Row[]): Row {
  return combineRows(floors, { rps: 1, p99: 1, cpu: 1 });
}

/**
 * The floor once (it sizes the challenge pools), then BENCH.rounds rounds of each scenario, each
 * window right after a floor window of its own; one row per scenario and one for
 * every floor window together.
 */
export async function measureRounds(
  server: Target,
  store: Row["store"],
  make: ChallengeMaker,
  pick: (s: ChallengeScenarios) => Scenario[],
) {
  const floor = floorScenario(store);
  const floors = [await measure(server, floor)];
  const pools = await challengeScenarios(make, floors[0]!.rps, store);
  const chosen = pick(pools.scenarios);
  const pairs = new Map<Scenario, Pair[]>(chosen.map((s) => [s, []]));
  for (let round = 0; round < BENCH.rounds; round++)
    for (const scenario of chosen) {
      const pair = await measurePair(server, floor, scenario);
      floors.push(pair.floor);
      pairs.get(scenario)!.push(pair);
    }
  const rows = [
    combineFloors(floors),
    ...chosen.map((s) => combinePairs(pairs.get(s)!)),
  ];
  return { rows, scenarios: pools.scenarios, wrapped: pools.wrapped };
}
