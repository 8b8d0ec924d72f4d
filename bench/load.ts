import autocannon, { type Result } from "autocannon";
import { BENCH } from "./config";
import { readStalls, startProfile, stopProfile, type Stalls } from "./counters";
import { treeCpuMs } from "./cpu";

// Drives one scenario: a warm-up, then the measured run, both at the same concurrency.

export interface Row {
  name: string;
  /** Which code store the server ran on. */
  store: "upstash" | "embedded";
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
  /** The server's own CPU time (its process tree, user + sys) per answered request, in ms. */
  cpuMsPerRequest: number;
  /** What held up the server's event loop during the measured window. */
  stalls: Stalls;
}

export interface Scenario {
  name: string;
  store: Row["store"];
  measures: string;
  path: string;
  body: string;
  expectStatus: number;
  /** A cookie for each request; undefined for none. */
  cookie?: () => string;
}

function toRow(s: Scenario, r: Result, cpuMs: number, stalls: Stalls): Row {
  const statuses: Record<string, number> = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]),
  );
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    name: s.name,
    store: s.store,
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
    cpuMsPerRequest: answered
      ? Math.round((cpuMs / answered) * 1000) / 1000
      : 0,
    stalls,
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

export interface Target {
  url: string;
  /** The server's process id, for its CPU time. */
  pid: number;
  countersUrl: string;
}

/** A warm-up, then the measured window, with the server's CPU time read on either side of it. */
export async function measure(server: Target, s: Scenario): Promise<Row> {
  await fire(server.url, s, BENCH.warmupSeconds);
  await readStalls(server.countersUrl);
  const cpuBefore = treeCpuMs(server.pid);
  const result = await fire(server.url, s, BENCH.durationSeconds);
  const cpuMs = treeCpuMs(server.pid) - cpuBefore;
  return toRow(s, result, cpuMs, await readStalls(server.countersUrl));
}

/** The same load for BENCH.profileSeconds more, under the server's CPU profiler. */
export async function profileScenario(
  server: Target,
  s: Scenario,
): Promise<unknown> {
  await startProfile(server.countersUrl);
  try {
    await fire(server.url, s, BENCH.profileSeconds);
  } catch (error) {
    await stopProfile(server.countersUrl);
    throw error;
  }
  return stopProfile(server.countersUrl);
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
