import { BENCH } from "./config";
import type { BenchUser } from "./seed";

// The full login as a person does it, one closed loop per connection: password step (which creates
// the challenge and texts the first code), reading the code from the outbox, then the right code.

export interface FlowRow {
  name: string;
  measures: string;
  flowsPerSecond: number;
  flows: number;
  failures: number;
  /** Per-step latency percentiles (ms). */
  steps: Record<string, { p50: number; p90: number; p99: number }>;
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
      ]!
    : 0;

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99) };
}

async function timed<T>(list: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    list.push(performance.now() - start);
  }
}

export async function loginOnce(
  base: string,
  user: BenchUser,
  t: Record<string, number[]>,
) {
  const json = { "content-type": "application/json" };
  const login = await timed(t.password!, () =>
    fetch(`${base}/api/login`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: user.email, password: BENCH.password }),
    }),
  );
  await login.arrayBuffer();
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("twostep_challenge="));
  if (login.status !== 200 || !cookie) return false;
  const outbox = await timed(t.outbox!, () =>
    fetch(`${base}/api/dev/outbox?to=${encodeURIComponent(user.phone)}`, {
      headers: { authorization: `Bearer ${BENCH.outboxToken}` },
    }),
  );
  const entries = (await outbox.json()) as { text: string }[];
  const code = entries[0]?.text.match(/#(\d{6})\s*$/)?.[1];
  if (!code) return false;
  const verify = await timed(t.verify!, () =>
    fetch(`${base}/api/otp/verify`, {
      method: "POST",
      headers: { ...json, cookie },
      body: JSON.stringify({ code }),
    }),
  );
  await verify.arrayBuffer();
  return verify.status === 200;
}

async function loop(base: string, users: BenchUser[], seconds: number) {
  const t: Record<string, number[]> = {
    password: [],
    outbox: [],
    verify: [],
    flow: [],
  };
  let flows = 0;
  let failures = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    users.map(async (user) => {
      while (Date.now() < until) {
        const ok = await timed(t.flow!, () => loginOnce(base, user, t)).catch(
          () => false,
        );
        if (ok) flows++;
        else failures++;
      }
    }),
  );
  return { t, flows, failures };
}

export async function measureLoginFlow(
  base: string,
  users: BenchUser[],
): Promise<FlowRow> {
  await loop(base, users, BENCH.warmupSeconds);
  const started = performance.now();
  const { t, flows, failures } = await loop(base, users, BENCH.durationSeconds);
  const seconds = (performance.now() - started) / 1000;
  return {
    name: "login flow",
    measures:
      "POST /api/login (argon2 verify + challenge + SMS) → GET outbox → POST /api/otp/verify",
    flowsPerSecond: Math.round((flows / seconds) * 10) / 10,
    flows,
    failures,
    steps: Object.fromEntries(
      Object.entries(t).map(([k, v]) => [k, summary(v)]),
    ),
  };
}
