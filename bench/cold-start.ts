import { BENCH, BUDGETS } from "./config";
import { startCold } from "./cold-server";
import { treeCpuMs } from "./cpu";
import { median } from "./rounds";
import { CHALLENGE_COOKIE } from "./scenarios";
import { RIGHT_CODE, type BenchUser, type ChallengeMaker } from "./seed";

// Cold starts as a serverless instance meets them: each start is a fresh `next start` of the bench
// build with no warm-up (bench/cold-server.ts), answering exactly one request, so that request pays
// for everything its route loads and opens on first use. Each route is timed against the floor
// route's first request in the same round of starts: the machine's speed drifts between minutes, so
// a round starts every route once, one after the other, and a route's ratio is the median of its
// rounds' ratios to that round's floor, with the worst round beside it.

/** Rounds of starts; BENCH_COLD_STARTS asks for more on a machine busy with other work. */
export const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 5);

interface Ready {
  path: string;
  init: RequestInit;
}

interface ColdRoute {
  name: string;
  /** Unbudgeted routes are there to read the others by. */
  budgeted: boolean;
  expect: number;
  /** What this start's request carries, made before the server is spawned. */
  prepare(round: number): Promise<Ready>;
}

export interface ColdStartRow {
  route: string;
  budgeted: boolean;
  /** Medians over the starts: the first request, and spawn → its answer. */
  firstMs: number;
  fromSpawnMs: number;
  portOpenMs: number;
  ratio: number;
  worstRatio: number;
  /** The server's own CPU time for the first request (its process tree, /proc, 10 ms ticks), and
   * its median ratio to the floor's: unlike the wall time, it does not grow with other work on
   * the cores. */
  cpuMs: number;
  cpuRatio: number;
  /** Pages only: the median ratio to the empty page's first request (Next's page runtime). */
  vsEmptyPage?: number;
  starts: number;
  /** Answers other than the expected status, e.g. "500×2"; empty when none. */
  unexpected: string;
}

const post = (path: string, body: unknown, cookie?: string): Ready => ({
  path,
  init: {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(cookie && { cookie }),
    },
    body: JSON.stringify(body),
  },
});
const get = (path: string, cookie?: string): Ready => ({
  path,
  init: { headers: cookie ? { cookie } : {}, redirect: "manual" },
});
const challenge = (id: string) => `${CHALLENGE_COOKIE}=${id}`;

export const FLOOR_ROUTE = "floor (POST /api/bench/floor)";
export const EMPTY_PAGE = "empty page (GET /bench/empty)";
export const FIRST_QUERY = "first query (POST /api/bench/first-query)";

function coldRoutes(
  users: BenchUser[],
  make: ChallengeMaker,
  signedIn: string,
): ColdRoute[] {
  const route = (
    name: string,
    expect: number,
    prepare: ColdRoute["prepare"],
    budgeted = true,
  ): ColdRoute => ({ name, expect, prepare, budgeted });
  return [
    route(FLOOR_ROUTE, 200, async () => post("/api/bench/floor", {}), false),
    route(EMPTY_PAGE, 200, async () => get("/bench/empty"), false),
    route(
      FIRST_QUERY,
      200,
      async () => post("/api/bench/first-query", {}),
      false,
    ),
    route("password step (POST /api/login)", 200, async (i) => {
      const user = users[i % users.length]!;
      return post("/api/login", {
        email: user.email,
        password: BENCH.password,
      });
    }),
    route("verify (POST /api/otp/verify)", 200, async () => {
      const [id] = await make(1, RIGHT_CODE);
      return post("/api/otp/verify", { code: RIGHT_CODE }, challenge(id!));
    }),
    route("send (POST /api/otp/send)", 200, async () => {
      const [id] = await make(1, null);
      return post("/api/otp/send", { channel: "sms" }, challenge(id!));
    }),
    route("GET /login", 200, async () => get("/login")),
    route("GET /account (signed in)", 200, async () =>
      get("/account", signedIn),
    ),
  ];
}

interface Sample {
  firstMs: number;
  cpuMs: number;
  fromSpawnMs: number;
  portOpenMs: number;
  status: number;
}

async function startOnce(
  upstash: { url: string; token: string },
  ready: Ready,
): Promise<Sample> {
  const server = await startCold(upstash);
  try {
    const pid = server.child.pid!;
    const cpuBefore = treeCpuMs(pid).total;
    const sent = performance.now();
    const res = await fetch(`${server.url}${ready.path}`, ready.init);
    await res.arrayBuffer();
    const answered = performance.now();
    return {
      firstMs: answered - sent,
      cpuMs: treeCpuMs(pid).total - cpuBefore,
      fromSpawnMs: answered - server.spawnedAt,
      portOpenMs: server.portOpenMs,
      status: res.status,
    };
  } finally {
    await server.stop();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** `starts` rounds, each starting every route once on a fresh server of its own. */
export async function measureColdStarts(
  upstash: { url: string; token: string },
  users: BenchUser[],
  make: ChallengeMaker,
  signedIn: string,
  starts = COLD_STARTS,
): Promise<ColdStartRow[]> {
  const routes = coldRoutes(users, make, signedIn);
  const samples = routes.map(() => [] as Sample[]);
  for (let i = 0; i < starts; i++)
    for (const [r, route] of routes.entries())
      samples[r]!.push(await startOnce(upstash, await route.prepare(i)));
  const floor = samples[0]!;
  const empty = samples[routes.findIndex((r) => r.name === EMPTY_PAGE)]!;
  return routes.map((route, r) => {
    const own = samples[r]!;
    const ratios = own.map((s, i) => s.firstMs / floor[i]!.firstMs);
    const isPage = route.name.startsWith("GET /");
    const statuses = new Map<number, number>();
    for (const s of own)
      if (s.status !== route.expect)
        statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    return {
      route: route.name,
      budgeted: route.budgeted,
      firstMs: round1(median(own.map((s) => s.firstMs))),
      fromSpawnMs: round1(median(own.map((s) => s.fromSpawnMs))),
      portOpenMs: round1(median(own.map((s) => s.portOpenMs))),
      ratio: round2(median(ratios)),
      worstRatio: round2(Math.max(...ratios)),
      cpuMs: round1(median(own.map((s) => s.cpuMs))),
      cpuRatio: round2(
        median(own.map((s, i) => s.cpuMs / Math.max(floor[i]!.cpuMs, 1))),
      ),
      ...(isPage && {
        vsEmptyPage: round2(
          median(own.map((s, i) => s.firstMs / empty[i]!.firstMs)),
        ),
      }),
      starts: own.length,
      unexpected: [...statuses]
        .map(([status, n]) => `${status}×${n}`)
        .join(" "),
    };
  });
}

export function coldStartPasses(row: ColdStartRow) {
  return !row.unexpected && row.ratio <= BUDGETS.maxColdStartRatio;
}
