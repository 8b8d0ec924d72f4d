import autocannon, { type Result } from "autocannon";
import { BENCH } from "./config";

// Drives one scenario: a warm-up, then the measured run, both at the same concurrency.

export interface Row {
  name: string;
  /** What one request does, printed under the table. */
  measures: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Answers other than the status this scenario expects (e.g. 400 for a wrong code). */
  unexpected: number;
  statuses: Record<string, number>;
}

export interface Scenario {
  name: string;
  measures: string;
  path: string;
  body: string;
  expectStatus: number;
  /** A cookie for each request; undefined for none. */
  cookie?: () => string;
}

function toRow(s: Scenario, r: Result): Row {
  const statuses: Record<string, number> = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]),
  );
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    name: s.name,
    measures: s.measures,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    requests: answered,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    unexpected: answered - (statuses[String(s.expectStatus)] ?? 0),
    statuses,
  };
}

function fire(base: string, s: Scenario, seconds: number) {
  const headers = { "content-type": "application/json" };
  return autocannon({
    url: `${base}${s.path}`,
    connections: BENCH.connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: s.path,
        headers,
        body: s.body,
        setupRequest: (r) =>
          s.cookie ? { ...r, headers: { ...headers, cookie: s.cookie() } } : r,
      },
    ],
  });
}

export async function measure(base: string, s: Scenario): Promise<Row> {
  await fire(base, s, BENCH.warmupSeconds);
  return toRow(s, await fire(base, s, BENCH.durationSeconds));
}

/** Hands out pool items in order, each `uses` times; past the end it wraps (and says so). */
export function cycle(items: string[], uses: number) {
  let n = 0;
  const state = { wrapped: false };
  const next = () => {
    const i = Math.floor(n++ / uses);
    if (i >= items.length) state.wrapped = true;
    return items[i % items.length]!;
  };
  return Object.assign(next, { state, used: () => Math.ceil(n / uses) });
}
