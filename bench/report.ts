import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { BENCH, BUDGETS } from "./config";
import type { ColdStartRow } from "./cold-start";
import { coldStartChecks, coldStartLines } from "./cold-start-report";
import type { FunctionSize } from "./function-size";
import type { PageJs } from "./first-load";
import { FOLLOWING, type FirstRequest } from "./first-request";
import type { MemoryPeak } from "./counters";
import type { FlowRow } from "./flow";
import type { Row } from "./load";
import type { Frame } from "./profile";
import type { StepCount } from "./steps";
import { stallsTable } from "./stalls-report";
import { table } from "./table";
import { verifyPaintLines, type VerifyPaint } from "./verify-paint";

// Prints the tables and the budget checks, and writes the same figures as JSON. A missed budget is
// reported, not fatal: the benchmark informs, the tests assert the deterministic counts.

export interface Check {
  budget: string;
  value: string;
  limit: string;
  pass: boolean;
}

export interface Report {
  when: string;
  machine: { cpus: number; node: string };
  settings: typeof BENCH extends infer B
    ? Omit<B, "secret" | "password">
    : never;
  /** From spawning `next start` to its "Ready" line (Upstash server). */
  readyMs: number;
  /** By code store: the first request after "Ready" against the next ten. */
  firstRequest: Record<string, FirstRequest>;
  /** From pressing "Verify" to the account page painted, at an emulated 150 ms round trip. */
  verifyPaint: VerifyPaint;
  /** Fresh servers with no warm-up: each route's first request against the floor route's. */
  coldStarts: ColdStartRow[];
  /** What each serverless function of the build carries, from its file traces. */
  functions: FunctionSize[];
  rows: Row[];
  flow: FlowRow;
  steps: StepCount[];
  pages: PageJs[];
  memory: {
    peakTreeRssMb: number;
    peakProcessHwmMb: number;
    byPhaseMb: Record<string, number>;
    /** Peaks of the server process's own memory accounts, by phase (bytes). */
    heapByPhase?: Record<string, MemoryPeak>;
  };
  heavyModules: Record<string, string[]>;
  argon2: {
    params: Record<string, number>;
    msPerHash: number;
    msPerVerify: number;
  };
  /** Top frames by self time, in a profiled window of each scenario. */
  profiles: {
    scenario: string;
    store: Row["store"];
    file: string;
    frames: Frame[];
    byWhere: Frame[];
  }[];
  checks: Check[];
  notes: string[];
  /** BENCH_PROFILE=1: the server's CPU self time by where the code lives. */
  profile?: { where: string; ms: number; share: number }[];
}

export function checkBudgets(r: Omit<Report, "checks">): Check[] {
  const checks: Check[] = [];
  // Budgets apply to the deployed shape (Upstash); the embedded rows are there for comparison.
  for (const row of r.rows.filter(
    (x) => x.name !== "floor" && x.store === "upstash",
  )) {
    // Requests per second is printed in the table, not budgeted: it mixes the server's cost with
    // the load generator's and the stand-ins' on the same two cores. CPU per request is the budget.
    const send = row.name.startsWith("send");
    const p99 = row.vsFloor.p99;
    const p99Limit = send ? BUDGETS.maxSendP99Ratio : BUDGETS.maxVerifyP99Ratio;
    checks.push({
      budget: `${row.name}: p99 vs floor`,
      value: `${p99.toFixed(2)}×`,
      limit: `≤ ${p99Limit}×`,
      pass: p99 <= p99Limit,
    });
    const limit = send ? BUDGETS.maxSendCpuRatio : BUDGETS.maxVerifyCpuRatio;
    const cpu = row.vsFloor.cpu;
    checks.push({
      budget: `${row.name}: server CPU per request vs floor`,
      value: `${cpu.toFixed(2)}×`,
      limit: `≤ ${limit}×`,
      pass: cpu <= limit,
    });
  }
  const trips = (name: string) => r.steps.find((s) => s.step === name);
  for (const [label, s] of [
    ["verify (right)", trips("verify, right code")],
    ["verify (wrong)", trips("verify, wrong code")],
  ] as const)
    if (s)
      checks.push({
        budget: `${label}: code-store round trips`,
        value: String(s.roundTrips),
        limit: `= ${BUDGETS.verifyRoundTrips}`,
        pass: s.roundTrips === BUDGETS.verifyRoundTrips,
      });
  const resend = trips("resend SMS");
  if (resend)
    checks.push({
      budget: "send: round trips incl. rate limits",
      value: String(resend.roundTrips),
      limit: `≤ ${BUDGETS.sendRoundTrips}`,
      pass: resend.roundTrips <= BUDGETS.sendRoundTrips,
    });
  for (const [store, f] of Object.entries(r.firstRequest))
    checks.push({
      budget: `first request after Ready vs next ${FOLLOWING} (${store}, median of ${f.starts} starts)`,
      value: `${f.ratio.toFixed(2)}×`,
      limit: `≤ ${BUDGETS.maxFirstRequestRatio}×`,
      pass: f.ratio <= BUDGETS.maxFirstRequestRatio,
    });
  checks.push(...coldStartChecks(r.coldStarts));
  const empty = r.pages.find((p) => p.page === "empty page")!;
  for (const p of r.pages.filter((x) => x !== empty)) {
    const ratio = p.gzipKb / empty.gzipKb;
    checks.push({
      budget: `${p.page}: first-load JS vs empty page`,
      value: `${((ratio - 1) * 100).toFixed(1)} % above`,
      limit: `≤ ${((BUDGETS.maxFirstLoadRatio - 1) * 100).toFixed(0)} % above`,
      pass: ratio <= BUDGETS.maxFirstLoadRatio,
    });
  }
  checks.push({
    budget: "peak RSS of the server",
    value: `${r.memory.peakTreeRssMb} MB`,
    limit: `< ${BUDGETS.peakRssMb} MB`,
    pass: r.memory.peakTreeRssMb < BUDGETS.peakRssMb,
  });
  return checks;
}

export function printReport(r: Report) {
  const out: string[] = [];
  out.push(
    `\nLoad: ${BENCH.connections} connections, loopback, ${r.machine.cpus} CPUs; each scenario in ${BENCH.rounds} rounds of ${BENCH.warmupSeconds} s warm-up then ${BENCH.durationSeconds} s measured, each round right after a floor window of its own\n`,
  );
  out.push(
    table(
      [
        "scenario",
        "store",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "CPU ms/req",
        "of it sys",
        "CPU vs floor",
        "p99 vs floor",
        "requests",
        "errors",
        "non-2xx",
        "unexpected",
      ],
      r.rows.map((x) => [
        x.name,
        x.store,
        x.rps,
        x.p50,
        x.p90,
        x.p99,
        x.cpuMsPerRequest.toFixed(2),
        x.sysMsPerRequest.toFixed(2),
        `${x.vsFloor.cpu.toFixed(2)}×`,
        `${x.vsFloor.p99.toFixed(2)}×`,
        x.requests,
        x.errors,
        x.non2xx,
        x.unexpected,
      ]),
    ),
  );
  out.push(
    "  CPU ms/req: user + sys of the server's process tree over a measured window, per answered request",
    "  Each figure is the median of the rounds' (counts are summed); each ratio the median of the rounds' ratios to the floor window just before them",
  );
  out.push(stallsTable(r.rows));
  out.push("");
  for (const [name, measures] of new Map(
    r.rows.map((x) => [x.name, x.measures]),
  ))
    out.push(`  ${name}: ${measures}`);
  const f = r.flow;
  out.push(
    `\nFull login: ${f.flowsPerSecond} logins/s (${f.flows} completed, ${f.failures} failed)`,
  );
  out.push(
    table(
      ["step", "p50 ms", "p90 ms", "p99 ms"],
      Object.entries(f.steps).map(([k, v]) => [
        k,
        Math.round(v.p50),
        Math.round(v.p90),
        Math.round(v.p99),
      ]),
    ),
  );
  out.push(
    "\nPer step of one login (counted in the server process by the harness's preload):",
  );
  out.push(
    table(
      ["step", "status", "SQL statements", "Upstash round trips", "commands"],
      r.steps.map((s) => [s.step, s.status, s.sql, s.roundTrips, s.commands]),
    ),
  );
  out.push("\nFirst-load JS (gzip, every script the page's HTML loads):");
  out.push(
    table(
      ["page", "scripts", "kB"],
      r.pages.map((p) => [p.page, p.scripts, p.gzipKb]),
    ),
  );
  out.push(`\nStart-up (next start → "Ready"): ${r.readyMs} ms`);
  for (const [store, f] of Object.entries(r.firstRequest))
    out.push(
      `First request after Ready (${store} store, ${f.request}), median of ${f.starts} starts: ${f.firstMs} ms; median of the next ${FOLLOWING}: ${f.medianNextMs} ms; ratio ${f.ratio.toFixed(2)}× (budget ≤ ${BUDGETS.maxFirstRequestRatio}×; worst start ${f.worstRatio.toFixed(2)}×)`,
    );
  out.push(...verifyPaintLines(r.verifyPaint));
  out.push(...coldStartLines(r.coldStarts, r.functions));
  out.push(
    `\nPeak RSS: ${r.memory.peakTreeRssMb} MB (process tree, sampled); high-water mark ${r.memory.peakProcessHwmMb} MB`,
  );
  out.push(
    `  peak by phase: ${Object.entries(r.memory.byPhaseMb)
      .map(([k, v]) => `${k} ${v} MB`)
      .join(", ")}`,
  );
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  if (r.memory.heapByPhase)
    out.push(
      table(
        [
          "phase (server process peaks, MB)",
          "RSS",
          "V8 heap total",
          "heap used",
          "external",
          "array buffers",
        ],
        Object.entries(r.memory.heapByPhase).map(([phase, m]) => [
          phase,
          mb(m.rss),
          mb(m.heapTotal),
          mb(m.heapUsed),
          mb(m.external),
          mb(m.arrayBuffers),
        ]),
      ),
    );
  for (const [when, mods] of Object.entries(r.heavyModules))
    out.push(
      `Heavy packages loaded ${when}: ${mods.length ? mods.join(", ") : "none"}`,
    );
  const a = r.argon2;
  out.push(
    `Password hashing (deliberate, not budgeted): argon2id m=${a.params.memoryCost} KiB t=${a.params.timeCost} p=${a.params.parallelism}: ${a.msPerHash} ms per hash, ${a.msPerVerify} ms per verify`,
  );
  out.push("\nBudgets:");
  out.push(
    table(
      ["budget", "value", "limit", ""],
      r.checks.map((c) => [
        c.budget,
        c.value,
        c.limit,
        c.pass ? "PASS" : "MISS",
      ]),
    ),
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  for (const p of r.profiles) {
    out.push(
      `\nCPU profile, ${p.scenario} (${p.store === "upstash" ? "Upstash" : "in-process"} store, ${BENCH.profileSeconds} s under load; top frames by self time, idle excluded; ${p.file}):`,
    );
    out.push(
      table(
        ["frame", "where", "ms", "%"],
        p.frames.map((f) => [f.frame, f.where, f.ms, f.share]),
      ),
    );
    out.push(
      `  by where: ${p.byWhere
        .filter((w) => w.share >= 1)
        .map((w) => `${w.frame} ${w.share} %`)
        .join(", ")}`,
    );
  }
  if (r.profile) {
    out.push("\nServer CPU profile (self time, whole run, idle excluded):");
    out.push(
      table(
        ["where", "ms", "%"],
        r.profile.map((p) => [p.where, p.ms, p.share]),
      ),
    );
  }
  out.push(`\nJSON: ${BENCH.resultsFile}`);
  console.log(out.join("\n"));
}

export async function writeReport(r: Report) {
  await mkdir(path.dirname(BENCH.resultsFile), { recursive: true });
  await writeFile(BENCH.resultsFile, JSON.stringify(r, null, 2) + "\n");
}
