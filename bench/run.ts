// `npm run bench`: builds the app for benchmarking, serves it with the outbox messenger, Postgres
// and Upstash-over-Redis on loopback, and measures it against the framework's floor measured in the
// same run. Prints tables and writes bench-results/bench.json. See README.md ("Benchmark").
import { rm } from "node:fs/promises";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { ARGON2_OPTIONS } from "@/lib/password";
import { BENCH } from "./config";
import { firstLoadJs } from "./first-load";
import { measureLoginFlow } from "./flow";
import { cycle, measure, type Row } from "./load";
import { checkBudgets, printReport, writeReport, type Report } from "./report";
import { PROFILE_DIR, summarizeProfiles } from "./profile";
import { sampleRss } from "./rss";
import {
  benchStore,
  createChallenges,
  prepareDatabase,
  RIGHT_CODE,
  seedUsers,
  WRONG_CODE,
} from "./seed";
import { buildForBench, startNext, startUpstash } from "./servers";
import { countLoginSteps } from "./steps";

const COOKIE = "twostep_challenge";
const cookieFor = (next: () => string) => () => `${COOKIE}=${next()}`;

async function heavyModules(base: string): Promise<string[]> {
  const res = await fetch(`${base}/api/bench/counters`);
  return ((await res.json()) as { loaded: string[] }).loaded;
}

async function argon2Cost() {
  const runs = 10;
  let start = performance.now();
  let stored = "";
  for (let i = 0; i < runs; i++)
    stored = await hash(`password-${i}`, ARGON2_OPTIONS);
  const msPerHash = (performance.now() - start) / runs;
  start = performance.now();
  for (let i = 0; i < runs; i++) await verify(stored, `password-${i}`);
  const msPerVerify = (performance.now() - start) / runs;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    params: { ...ARGON2_OPTIONS },
    msPerHash: round(msPerHash),
    msPerVerify: round(msPerVerify),
  };
}

function withoutSecrets() {
  const hidden = new Set(["secret", "password"]);
  return Object.fromEntries(
    Object.entries(BENCH).filter(([k]) => !hidden.has(k)),
  ) as Report["settings"];
}

async function main() {
  // The harness writes accounts and challenges with the app's own modules: same database and keys.
  process.env.DATABASE_URL = BENCH.databaseUrl;
  process.env.NEXTAUTH_SECRET = BENCH.secret;
  const notes: string[] = [];
  if (process.env.BENCH_PROFILE === "1")
    await rm(PROFILE_DIR, { recursive: true, force: true });
  if (process.env.BENCH_SKIP_BUILD !== "1")
    await buildForBench({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: BENCH.secret,
      MESSAGING: "outbox",
    });
  await prepareDatabase();
  const users = await seedUsers(BENCH.users);
  const upstash = await startUpstash();
  const next = await startNext(upstash).catch(async (error: unknown) => {
    await upstash.stop();
    throw error;
  });
  const rss = sampleRss(next.child.pid!);
  const base = next.url;
  const store = benchStore(upstash);
  try {
    const loaded: Record<string, string[]> = {
      "after start-up and one verify": await heavyModules(base),
    };
    rss.mark("start-up");
    const rows: Row[] = [];
    rows.push(
      await measure(base, {
        name: "floor",
        measures:
          "POST /api/bench/floor — an empty route handler (bench builds only), the framework's floor",
        path: "/api/bench/floor",
        body: JSON.stringify({ code: RIGHT_CODE }),
        expectStatus: 200,
      }),
    );
    rss.mark("floor");
    // Pools sized from the floor: the real routes are not expected to beat it by more than this.
    const expected = Math.ceil(
      rows[0]!.rps * (BENCH.warmupSeconds + BENCH.durationSeconds) * 1.6,
    );
    const owner = (i: number) => users[i % users.length]!;
    const sendPool = await createChallenges(
      store,
      Math.ceil(expected / 5),
      (i) => ({ userId: owner(i).id, phone: owner(i).phone }),
      false,
    );
    const rightPool = await createChallenges(
      store,
      expected,
      (i) => ({ userId: owner(i).id, phone: owner(i).phone }),
      true,
    );
    // Four wrong codes each: the fifth would lock the challenge and count toward an account lockout.
    const wrongPool = await createChallenges(
      store,
      Math.ceil(expected / 4),
      (i) => ({ userId: owner(i).id, phone: owner(i).phone }),
      true,
    );
    const pools = {
      send: cycle(sendPool, 5),
      right: cycle(rightPool, 1),
      wrong: cycle(wrongPool, 4),
    };
    rss.mark("pools");
    rows.push(
      await measure(base, {
        name: "send-code",
        measures: `POST /api/otp/send {"channel":"sms"} — a fresh login challenge per 5 sends (MAX_SENDS), cooldown 0, limits raised; expects 200`,
        path: "/api/otp/send",
        body: JSON.stringify({ channel: "sms" }),
        expectStatus: 200,
        cookie: cookieFor(pools.send),
      }),
    );
    rss.mark("send-code");
    rows.push(
      await measure(base, {
        name: "verify (right)",
        measures:
          "POST /api/otp/verify with the right code — each challenge once (a code is single use); expects 200",
        path: "/api/otp/verify",
        body: JSON.stringify({ code: RIGHT_CODE }),
        expectStatus: 200,
        cookie: cookieFor(pools.right),
      }),
    );
    rss.mark("verify (right)");
    rows.push(
      await measure(base, {
        name: "verify (wrong)",
        measures:
          "POST /api/otp/verify with a wrong code — 4 per challenge, below the lock at 5; expects 400 WRONG_CODE",
        path: "/api/otp/verify",
        body: JSON.stringify({ code: WRONG_CODE }),
        expectStatus: 400,
        cookie: cookieFor(pools.wrong),
      }),
    );
    rss.mark("verify (wrong)");
    for (const [name, pool] of Object.entries(pools))
      if (pool.state.wrapped)
        notes.push(
          `the ${name} pool ran out and wrapped: its extra requests were refused (see "unexpected")`,
        );
    loaded["after the send and verify load"] = await heavyModules(base);
    const steps = await countLoginSteps(base, users[0]!);
    const flow = await measureLoginFlow(base, users);
    rss.mark("login flow");
    const verifyPage = (
      await createChallenges(
        store,
        1,
        () => ({ userId: users[0]!.id, phone: users[0]!.phone }),
        true,
      )
    )[0]!;
    const pages = [
      await firstLoadJs(base, "/bench/empty", "empty page"),
      await firstLoadJs(base, "/signup"),
      await firstLoadJs(base, "/login"),
      await firstLoadJs(
        base,
        "/verify",
        "/verify (code page)",
        `${COOKIE}=${verifyPage}`,
      ),
    ];
    const memory = rss.stop();
    await next.stop();
    await upstash.stop();
    const partial = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      settings: withoutSecrets(),
      startupMs: next.startupMs,
      rows,
      flow,
      steps,
      pages,
      memory,
      heavyModules: loaded,
      argon2: await argon2Cost(),
      notes,
    };
    const report: Report = { ...partial, checks: checkBudgets(partial) };
    if (process.env.BENCH_PROFILE === "1")
      report.profile = await summarizeProfiles();
    printReport(report);
    await writeReport(report);
  } finally {
    rss.stop();
    await next.stop();
    await upstash.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
