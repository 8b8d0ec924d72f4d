import { BENCH } from "./config";
import { readCounters } from "./counters";
import type { BenchUser } from "./seed";

// One login walked step by step with nothing else running, reading the server's counters (the
// harness's preload, bench/counters-preload.mjs) around each request: SQL statements sent through
// node-postgres and HTTP round trips to Upstash, with the Redis commands they carried.

export interface StepCount {
  step: string;
  status: number;
  sql: number;
  roundTrips: number;
  /** e.g. "EVALSHA×2" */
  commands: string;
}

const json = { "content-type": "application/json" };
const SETTLE_MS = 100;

function commandsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
) {
  return Object.entries(after)
    .map(([name, n]) => [name, n - (before[name] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => (n > 1 ? `${name}×${n}` : name))
    .join(" ");
}

const cookiesOf = (res: Response) =>
  res.headers.getSetCookie().map((c) => c.split(";")[0]!);

export async function countLoginSteps(
  base: string,
  countersUrl: string,
  user: BenchUser,
) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar.values()].join("; ");
  const keep = (res: Response) => {
    for (const c of cookiesOf(res)) jar.set(c.split("=")[0]!, c);
  };
  const out: StepCount[] = [];
  async function step(name: string, request: () => Promise<Response>) {
    const before = await readCounters(countersUrl);
    const res = await request();
    keep(res);
    const body = await res.text();
    // Work a route leaves for after its reply (Next's after()) is counted with its step.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const after = await readCounters(countersUrl);
    out.push({
      step: name,
      status: res.status,
      sql: after.sql - before.sql,
      roundTrips: after.upstash - before.upstash,
      commands: commandsBetween(before.commands, after.commands) || "—",
    });
    return body;
  }
  const post = (path: string, body: unknown) => () =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { ...json, cookie: cookie() },
      body: JSON.stringify(body),
    });
  await step(
    "password step (+ first SMS)",
    post("/api/login", { email: user.email, password: BENCH.password }),
  );
  await step("resend SMS", post("/api/otp/send", { channel: "sms" }));
  await step("verify, wrong code", post("/api/otp/verify", { code: "000000" }));
  const outbox = await fetch(
    `${base}/api/dev/outbox?to=${encodeURIComponent(user.phone)}`,
    { headers: { authorization: `Bearer ${BENCH.outboxToken}` } },
  );
  const entries = (await outbox.json()) as { text: string }[];
  const code = entries[0]?.text.match(/#(\d{6})\s*$/)?.[1] ?? "";
  await step("verify, right code", post("/api/otp/verify", { code }));
  // next-auth's credentials sign-in: CSRF token first (not counted), then the redeem.
  const csrf = await fetch(`${base}/api/auth/csrf`, {
    headers: { cookie: cookie() },
  });
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await step("session (redeem challenge)", () =>
    fetch(`${base}/api/auth/callback/twostep`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookie(),
      },
      body: new URLSearchParams({ csrfToken, json: "true" }),
      redirect: "manual",
    }),
  );
  return out;
}
