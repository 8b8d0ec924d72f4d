// `npm run bench`: builds a staged copy of the app with the bench's own routes, serves it with the
// outbox messenger, Postgres and Upstash-over-Redis on loopback, and measures it against the
// framework's floor measured in the same run; then serves it again on the in-process code store
// for send and verify. Prints tables and writes bench-results/bench.json. See README.md ("Benchmark").
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";
import { ARGON2_OPTIONS } from "@/lib/password/hash";
import { BENCH } from "./config";
import { measureColdStarts } from "./cold-start";
import { coldStartChecks, coldStartLines } from "./cold-start-report";
import { readCounters, readMemoryPhase, type MemoryPeak } from "./counters";
import { firstLoadJs } from "./first-load";
import {
  combineStarts,
  STARTS,
  timeFirstRequests,
  timeFreshStarts,
  type FirstRequest,
} from "./first-request";
import { measureLoginFlow } from "./flow";
import { measureFunctions } from "./function-size";
import { type Row, type Scenario, type Target } from "./load";
import { measureRounds } from "./rounds";
import { checkBudgets, printReport, writeReport, type Report } from "./report";
import { RIGHT_CODE } from "./seed";
import { PROFILE_DIR, profileWindow, summarizeProfiles } from "./profile";
import { sampleRss } from "./rss";
import {
  prepareDatabase,
  seedUsers,
  serverChallenges,
  upstashChallenges,
  type BenchUser,
} from "./seed";
import {
  buildForBench,
  startNext,
  startUpstash,
  type NextServer,
} from "./servers";
import { CHALLENGE_COOKIE } from "./scenarios";
import { signIn } from "./sign-in";
import { countLoginSteps } from "./steps";
import { table } from "./table";
import { measureVerifyPaint, verifyPaintLines } from "./verify-paint";

const COLD_ONLY_FILE = "bench-results/cold-start.json";

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

const target = (next: NextServer): Target => ({
  url: next.url,
  pid: next.child.pid!,
  countersUrl: next.countersUrl,
});

/** Send and verify again on a server without Upstash: the app's own cost, without the client's. */
async function measureEmbedded(users: BenchUser[]) {
  const earlier = await timeFreshStarts(() => startNext(), users, STARTS - 1);
  const next = await startNext();
  try {
    const first = combineStarts([
      ...earlier,
      await timeFirstRequests(next.url, users),
    ]);
    const { rows, scenarios, wrapped } = await measureRounds(
      target(next),
      "embedded",
      serverChallenges(next.url, users),
      (s) => [s.send, s.right],
    );
    // Beside the Upstash one: what the verify costs without the Upstash client.
    const profile = await profileWindow(target(next), scenarios.right);
    return { first, rows, profile, notes: wrapped() };
  } finally {
    await next.stop();
  }
}

/**
 * BENCH_ONLY=cold-start: the cold-start section alone (and the function sizes), on the same build,
 * stores and seeded accounts as a whole run, a few minutes instead of ten.
 */
async function coldStartsOnly(users: BenchUser[]) {
  const upstash = await startUpstash();
  try {
    const next = await startNext(upstash);
    let signedIn: string;
    let verifyPaint;
    try {
      signedIn = await signIn(next.url, users[users.length - 1]!);
      verifyPaint = await measureVerifyPaint(next.url, users);
    } finally {
      await next.stop();
    }
    const make = upstashChallenges(upstash, users);
    const coldStarts = await measureColdStarts(upstash, users, make, signedIn);
    const functions = await measureFunctions();
    const checks = coldStartChecks(coldStarts);
    console.log(
      [
        ...verifyPaintLines(verifyPaint),
        ...coldStartLines(coldStarts, functions),
        "\nBudgets:",
        table(
          ["budget", "value", "limit", ""],
          checks.map((c) => [
            c.budget,
            c.value,
            c.limit,
            c.pass ? "PASS" : "MISS",
          ]),
        ),
      ].join("\n"),
    );
    await mkdir(path.dirname(COLD_ONLY_FILE), { recursive: true });
    await writeFile(
      COLD_ONLY_FILE,
      JSON.stringify(
        {
          when: new Date().toISOString(),
          verifyPaint,
          coldStarts,
          functions,
          checks,
        },
        null,
        2,
      ) + "\n",
    );
    console.log(`\nJSON: ${COLD_ONLY_FILE}`);
  } finally {
    await upstash.stop();
  }
}

async function main() {
  // The harness writes accounts with the app's own modules: same database and keys.
  process.env.DATABASE_URL = BENCH.databaseUrl;
  process.env.NEXTAUTH_SECRET = BENCH.secret;
  const notes: string[] = [];
  const wholeRunProfile = process.env.BENCH_PROFILE === "1";
  if (wholeRunProfile) await rm(PROFILE_DIR, { recursive: true, force: true });
  if (process.env.BENCH_SKIP_BUILD !== "1")
    await buildForBench({
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: BENCH.secret,
      MESSAGING: "outbox",
    });
  await prepareDatabase();
  const users = await seedUsers(BENCH.users);
  if (process.env.BENCH_ONLY === "cold-start") return coldStartsOnly(users);
  const upstash = await startUpstash();
  // Starts timed on their own first, then the run's server; the stand-in stops if any fails.
  const { earlierStarts, next } = await (async () => {
    const starts = await timeFreshStarts(
      () => startNext(upstash),
      users,
      STARTS - 1,
    );
    return {
      earlierStarts: starts,
      next: await startNext(upstash, { wholeRunProfile }),
    };
  })().catch(async (error: unknown) => {
    await upstash.stop();
    throw error;
  });
  const rss = sampleRss(next.child.pid!);
  // Each phase's peak RSS of the process tree, and of the server's V8 heap and native buffers.
  const heapByPhase: Record<string, MemoryPeak> = {};
  const mark = async (phase: string) => {
    rss.mark(phase);
    heapByPhase[phase] = await readMemoryPhase(next.countersUrl);
  };
  const base = next.url;
  const server = target(next);
  try {
    // Nothing reaches the server before this: the first request is the first after "Ready".
    const firstRequest: Record<string, FirstRequest> = {
      upstash: combineStarts([
        ...earlierStarts,
        await timeFirstRequests(base, users),
      ]),
    };
    const loaded: Record<string, string[]> = {
      "after start-up and the first logins": (
        await readCounters(next.countersUrl)
      ).loaded,
    };
    await mark("start-up");
    const make = upstashChallenges(upstash, users);
    const measured = await measureRounds(server, "upstash", make, (s) => [
      s.send,
      s.right,
      s.wrong,
    ]);
    const rows: Row[] = measured.rows;
    const { scenarios, wrapped } = measured;
    await mark("floor, send and verify rounds");
    const profiles: Report["profiles"] = [];
    const profiled = async (scenario: Scenario) =>
      profiles.push(await profileWindow(server, scenario));
    await profiled(scenarios.send);
    await profiled(scenarios.right);
    await mark("profiled send and verify");
    notes.push(...wrapped());
    loaded["after the send and verify load"] = (
      await readCounters(next.countersUrl)
    ).loaded;
    const steps = await countLoginSteps(base, next.countersUrl, users[0]!);
    const flow = await measureLoginFlow(base, users);
    await mark("login flow");
    const [verifyPage] = await make(1, RIGHT_CODE);
    const pages = [
      await firstLoadJs(base, "/bench/empty", "empty page"),
      await firstLoadJs(base, "/signup"),
      await firstLoadJs(base, "/login"),
      await firstLoadJs(
        base,
        "/verify",
        "/verify (code page)",
        `${CHALLENGE_COOKIE}=${verifyPage}`,
      ),
    ];
    const memory = { ...rss.stop(), heapByPhase };
    // A signed-in browser's cookies, for /account's cold start; its session lives in the store.
    const signedIn = await signIn(base, users[users.length - 1]!);
    const verifyPaint = await measureVerifyPaint(base, users);
    await next.stop();
    // Fresh servers on the same build and stores, with nothing else running.
    const coldStarts = await measureColdStarts(upstash, users, make, signedIn);
    await upstash.stop();
    // One server at a time, so the two never share the cores.
    const embedded = await measureEmbedded(users);
    firstRequest.embedded = embedded.first;
    rows.push(...embedded.rows);
    profiles.push(embedded.profile);
    notes.push(...embedded.notes);
    const partial = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      settings: withoutSecrets(),
      readyMs: next.readyMs,
      firstRequest,
      verifyPaint,
      coldStarts,
      functions: await measureFunctions(),
      rows,
      flow,
      steps,
      pages,
      memory,
      heavyModules: loaded,
      argon2: await argon2Cost(),
      profiles,
      notes,
    };
    const report: Report = { ...partial, checks: checkBudgets(partial) };
    if (wholeRunProfile) report.profile = await summarizeProfiles();
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
