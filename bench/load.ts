import autocannon from "autocannon";
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
  /** The part of it spent in the kernel (system calls, loopback TCP on both sides of a socket). */
  sysMsPerRequest: number;
  /** What held up the server's event loop during the measured window. */
  stalls: Stalls;
  /** Measured windows combined into this row (bench/rounds.ts). */
  rounds: number;
  /** Against the floor: medians of each round's ratio to the floor window just before it. */
  vsFloor: { rps: number; p99: number; cpu: number };
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

/** One answer autocannon reported: when it ended (harness clock, ms), its latency, its status. */
interface Sample {
  end: number;
  latency: number;
  status: number;
}

/** The p-th percentile of sorted latencies, to 0.1 ms. */
const percentile = (sorted: number[], p: number) => {
  const i = Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length));
  return sorted.length ? Math.round(sorted[i]! * 10) / 10 : 0;
};

const perRequest = (ms: number, answered: number) =>
  answered ? Math.round((ms / answered) * 1000) / 1000 : 0;

function toRow(
  s: Scenario,
  window: { samples: Sample[]; seconds: number; errors: number },
  cpu: { total: number; sys: number },
  stalls: Stalls,
): Row {
  const { samples, seconds } = window;
  const statuses: Record<string, number> = {};
  for (const x of samples) statuses[x.status] = (statuses[x.status] ?? 0) + 1;
  const latencies = samples.map((x) => x.latency).sort((a, b) => a - b);
  const answered = samples.length;
  return {
    name: s.name,
    store: s.store,
    measures: s.measures,
    rps: Math.round(answered / seconds),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    requests: answered,
    errors: window.errors,
    non2xx: samples.filter((x) => x.status < 200 || x.status > 299).length,
    unexpected: answered - (statuses[String(s.expectStatus)] ?? 0),
    statuses,
    cpuMsPerRequest: perRequest(cpu.total, answered),
    sysMsPerRequest: perRequest(cpu.sys, answered),
    stalls,
    rounds: 1,
    vsFloor: { rps: NaN, p99: NaN, cpu: NaN },
  };
}

/** Load for `seconds`; `onAnswer` hears each answer as it ends. */
function fire(
  base: string,
  s: Scenario,
  seconds: number,
  onAnswer?: (status: number, latencyMs: number) => void,
) {
  const headers = { "content-type": "application/json" };
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
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
              s.cookie
                ? { ...r, headers: { ...headers, cookie: s.cookie() } }
                : r,
          },
        ],
      },
      (error: unknown, result) => (error ? reject(error) : resolve(result)),
    );
    // The instance emits (client, status, bytes, latency); @types/autocannon leaves out the client.
    if (onAnswer)
      (instance as NodeJS.EventEmitter).on(
        "response",
        (_client: unknown, status: number, _bytes: number, latency: number) =>
          onAnswer(status, latency),
      );
  });
}

export interface Target {
  url: string;
  /** The server's process id, for its CPU time. */
  pid: number;
  countersUrl: string;
}

/** Load keeps running this long past the window, so the window closes under load. */
const TAIL_SECONDS = 0.5;

const sleep = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A warm-up, then the measured window, on the same connections: opening 50 connections at once
 * at a busy server leaves some of their first requests waiting seconds (seen as the slowest
 * answers, all sent in a window's first milliseconds), which would measure connection set-up, not
 * the route. The window counts the answers that end inside it, with the server's CPU time read on
 * either side of it.
 */
export async function measure(server: Target, s: Scenario): Promise<Row> {
  const samples: Sample[] = [];
  const started = performance.now();
  const run = fire(
    server.url,
    s,
    BENCH.warmupSeconds + BENCH.durationSeconds + TAIL_SECONDS,
    (status, latency) =>
      samples.push({ end: performance.now(), latency, status }),
  );
  await sleep(started + BENCH.warmupSeconds * 1000 - performance.now());
  await readStalls(server.countersUrl);
  const opened = performance.now();
  const before = treeCpuMs(server.pid);
  await sleep(opened + BENCH.durationSeconds * 1000 - performance.now());
  const after = treeCpuMs(server.pid);
  const cpu = {
    total: after.total - before.total,
    sys: after.sys - before.sys,
  };
  const closed = performance.now();
  const stalls = await readStalls(server.countersUrl);
  const result = await run;
  const window = {
    samples: samples.filter((x) => x.end > opened && x.end <= closed),
    seconds: (closed - opened) / 1000,
    errors: result.errors + result.timeouts,
  };
  return toRow(s, window, cpu, stalls);
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
