import { BENCH } from "./config";
import type { BenchUser } from "./seed";

// One login walked step by step with nothing else running, reading the server's own counters
// (GET /api/bench/counters, bench builds only) around each request: SQL statements sent by Prisma,
// code-store and limiter round trips, all counted at the server's clients.

interface Counters {
  dbQueries: number;
  storeRoundTrips: number;
  limiterRoundTrips: number;
}

export interface StepCount {
  step: string;
  status: number;
  dbQueries: number;
  storeRoundTrips: number;
  limiterRoundTrips: number;
}

const json = { "content-type": "application/json" };

async function counters(base: string): Promise<Counters> {
  const res = await fetch(`${base}/api/bench/counters`);
  if (!res.ok) throw new Error(`counters answered ${res.status}`);
  return (await res.json()) as Counters;
}

const cookiesOf = (res: Response) =>
  res.headers.getSetCookie().map((c) => c.split(";")[0]!);

export async function countLoginSteps(base: string, user: BenchUser) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar.values()].join("; ");
  const keep = (res: Response) => {
    for (const c of cookiesOf(res)) jar.set(c.split("=")[0]!, c);
  };
  const out: StepCount[] = [];
  async function step(name: string, request: () => Promise<Response>) {
    const before = await counters(base);
    const res = await request();
    keep(res);
    const body = await res.text();
    const after = await counters(base);
    out.push({
      step: name,
      status: res.status,
      dbQueries: after.dbQueries - before.dbQueries,
      storeRoundTrips: after.storeRoundTrips - before.storeRoundTrips,
      limiterRoundTrips: after.limiterRoundTrips - before.limiterRoundTrips,
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
