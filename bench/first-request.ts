import { BENCH } from "./config";
import { median } from "./rounds";
import type { BenchUser } from "./seed";

// The first request after the server prints "Ready" against the median of the ten that follow,
// one at a time: anything the server does lazily on first use (opening the database pool, loading
// a route's code, warming a client) shows up as the gap between the two. The request is a full
// password step — database, code store, limiter, argon2 and the messenger — for a different
// account each time, so the ten are alike.

export const FOLLOWING = 10;

/**
 * Starts timed per store. One start in about eight waited out a hiccup of the two shared cores on
 * its first request (3–3.7×, on either store, inside the server while its event loop never stalled
 * more than 20 ms; later requests met the same hiccup as often), so one start's ratio said more
 * about the machine than about start-up. The ratio is the median over the starts; the worst is
 * reported beside it.
 */
export const STARTS = 5;

/** One start's first request against the median of the ten after it. */
export interface FirstRequestSample {
  firstMs: number;
  medianNextMs: number;
  ratio: number;
}

export interface FirstRequest extends FirstRequestSample {
  request: string;
  starts: number;
  /** The highest ratio of any start. */
  worstRatio: number;
}

async function login(base: string, user: BenchUser): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${base}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: user.email, password: BENCH.password }),
  });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  return ms;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Call it first thing after "Ready": nothing else may have reached the server. */
export async function timeFirstRequests(
  base: string,
  users: BenchUser[],
): Promise<FirstRequestSample> {
  const firstMs = await login(base, users[0]!);
  const next: number[] = [];
  for (const user of users.slice(1, 1 + FOLLOWING))
    next.push(await login(base, user));
  const medianNextMs = median(next);
  return {
    firstMs: round(firstMs),
    medianNextMs: round(medianNextMs),
    ratio: Math.round((firstMs / medianNextMs) * 100) / 100,
  };
}

/** `count` starts of their own, each timed and stopped, to add to the run's own start. */
export async function timeFreshStarts(
  start: () => Promise<{ url: string; stop(): Promise<void> }>,
  users: BenchUser[],
  count: number,
): Promise<FirstRequestSample[]> {
  const samples: FirstRequestSample[] = [];
  for (let i = 0; i < count; i++) {
    const server = await start();
    try {
      samples.push(await timeFirstRequests(server.url, users));
    } finally {
      await server.stop();
    }
  }
  return samples;
}

export function combineStarts(samples: FirstRequestSample[]): FirstRequest {
  return {
    request: "POST /api/login (password step + first SMS)",
    firstMs: round(median(samples.map((s) => s.firstMs))),
    medianNextMs: round(median(samples.map((s) => s.medianNextMs))),
    ratio: median(samples.map((s) => s.ratio)),
    starts: samples.length,
    worstRatio: Math.max(...samples.map((s) => s.ratio)),
  };
}
