// The harness side of bench/counters-preload.mjs: what the server has sent through its clients so
// far, and the on-demand profiler.

export interface Counters {
  /** SQL statements through node-postgres (BEGIN and COMMIT included). */
  sql: number;
  /** HTTP requests to the Upstash REST URL: one round trip each. */
  upstash: number;
  /** Redis commands those requests carried, by name. */
  commands: Record<string, number>;
  /** Heavy packages Node has loaded so far. */
  loaded: string[];
}

export async function readCounters(countersUrl: string): Promise<Counters> {
  const res = await fetch(`${countersUrl}/counters`);
  if (!res.ok) throw new Error(`counters answered ${res.status}`);
  return (await res.json()) as Counters;
}

export async function startProfile(countersUrl: string) {
  const res = await fetch(`${countersUrl}/profile/start`, { method: "POST" });
  if (!res.ok) throw new Error(`profile start answered ${res.status}`);
}

/** The V8 CPU profile (.cpuprofile shape) of the window since startProfile. */
export async function stopProfile(countersUrl: string): Promise<unknown> {
  const res = await fetch(`${countersUrl}/profile/stop`, { method: "POST" });
  if (!res.ok) throw new Error(`profile stop answered ${res.status}`);
  return res.json();
}

/** Peak bytes of process.memoryUsage() fields since the previous call (the phase that just ended). */
export type MemoryPeak = Record<
  "rss" | "heapTotal" | "heapUsed" | "external" | "arrayBuffers",
  number
>;

export async function readMemoryPhase(
  countersUrl: string,
): Promise<MemoryPeak> {
  const res = await fetch(`${countersUrl}/memory/phase`, { method: "POST" });
  if (!res.ok) throw new Error(`memory phase answered ${res.status}`);
  return (await res.json()) as MemoryPeak;
}

/** Event-loop delay and GC pauses since the previous call (the loop delay's resolution is 10 ms). */
export interface Stalls {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gc: { count: number; totalMs: number; maxMs: number; majorMs: number };
  /** Requests as the server saw them, from its 'request' event to the reply's end. */
  servedP99Ms: number;
  servedMaxMs: number;
  /** Upstash round trips as the server saw them, from request to the reply's end. */
  upstashP99Ms: number;
  upstashMaxMs: number;
  /** Upstash commands per round trip in the window: above 1 when requests' commands shared one. */
  upstashCommandsPerTrip: number;
}

export async function readStalls(countersUrl: string): Promise<Stalls> {
  const res = await fetch(`${countersUrl}/stalls/phase`, { method: "POST" });
  if (!res.ok) throw new Error(`stalls answered ${res.status}`);
  return (await res.json()) as Stalls;
}
