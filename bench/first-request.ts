import { BENCH } from "./config";
import type { BenchUser } from "./seed";

// The first request after the server prints "Ready" against the median of the ten that follow,
// one at a time: anything the server does lazily on first use (opening the database pool, loading
// a route's code, warming a client) shows up as the gap between the two. The request is a full
// password step — database, code store, limiter, argon2 and the messenger — for a different
// account each time, so the ten are alike.

export const FOLLOWING = 10;

export interface FirstRequest {
  request: string;
  firstMs: number;
  medianNextMs: number;
  ratio: number;
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

export async function timeFirstRequests(
  base: string,
  users: BenchUser[],
): Promise<FirstRequest> {
  const firstMs = await login(base, users[0]!);
  const next: number[] = [];
  for (const user of users.slice(1, 1 + FOLLOWING))
    next.push(await login(base, user));
  next.sort((a, b) => a - b);
  const medianNextMs = (next[4]! + next[5]!) / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    request: "POST /api/login (password step + first SMS)",
    firstMs: round(firstMs),
    medianNextMs: round(medianNextMs),
    ratio: Math.round((firstMs / medianNextMs) * 100) / 100,
  };
}
