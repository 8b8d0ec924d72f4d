import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { BENCH, BUDGETS } from "./config";
import type { PageJs } from "./first-load";
import type { FlowRow } from "./flow";
import type { Row } from "./load";
import type { StepCount } from "./steps";

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
  startupMs: number;
  rows: Row[];
  flow: FlowRow;
  steps: StepCount[];
  pages: PageJs[];
  memory: {
    peakTreeRssMb: number;
    peakProcessHwmMb: number;
    byPhaseMb: Record<string, number>;
  };
  heavyModules: Record<string, string[]>;
  argon2: {
    params: Record<string, number>;
    msPerHash: number;
    msPerVerify: number;
  };
  checks: Check[];
  notes: string[];
  /** BENCH_PROFILE=1: the server's CPU self time by where the code lives. */
  profile?: { where: string; ms: number; share: number }[];
}

function table(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) =>
    Math.max(...cells.map((r) => r[i]!.length)),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ");
  return [
    line(cells[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.slice(1).map(line),
  ].join("\n");
}

export function checkBudgets(r: Omit<Report, "checks">): Check[] {
  const floor = r.rows.find((x) => x.name === "floor")!;
  const checks: Check[] = [];
  for (const row of r.rows.filter((x) => x.name !== "floor")) {
    const rps = row.rps / floor.rps;
    checks.push({
      budget: `${row.name}: req/s vs floor`,
      value: `${(rps * 100).toFixed(0)} %`,
      limit: `≥ ${BUDGETS.minRpsRatio * 100} %`,
      pass: rps >= BUDGETS.minRpsRatio,
    });
    const p99 = row.p99 / floor.p99;
    checks.push({
      budget: `${row.name}: p99 vs floor`,
      value: `${p99.toFixed(2)}×`,
      limit: `≤ ${BUDGETS.maxP99Ratio}×`,
      pass: p99 <= BUDGETS.maxP99Ratio,
    });
  }
  const trips = (name: string) => r.steps.find((s) => s.step === name);
  const verify = trips("verify, right code");
  const wrong = trips("verify, wrong code");
  const resend = trips("resend SMS");
  for (const [label, s] of [
    ["verify (right)", verify],
    ["verify (wrong)", wrong],
  ] as const)
    if (s)
      checks.push({
        budget: `${label}: code-store round trips`,
        value: String(s.storeRoundTrips + s.limiterRoundTrips),
        limit: `= ${BUDGETS.verifyRoundTrips}`,
        pass:
          s.storeRoundTrips + s.limiterRoundTrips === BUDGETS.verifyRoundTrips,
      });
  if (resend) {
    const n = resend.storeRoundTrips + resend.limiterRoundTrips;
    checks.push({
      budget: "send: round trips incl. rate limits",
      value: String(n),
      limit: `≤ ${BUDGETS.sendRoundTrips}`,
      pass: n <= BUDGETS.sendRoundTrips,
    });
  }
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
    `\nLoad: ${BENCH.connections} connections, ${BENCH.warmupSeconds} s warm-up then ${BENCH.durationSeconds} s measured, loopback, ${r.machine.cpus} CPUs\n`,
  );
  out.push(
    table(
      [
        "scenario",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "requests",
        "errors",
        "non-2xx",
        "unexpected",
      ],
      r.rows.map((x) => [
        x.name,
        x.rps,
        x.p50,
        x.p90,
        x.p99,
        x.requests,
        x.errors,
        x.non2xx,
        x.unexpected,
      ]),
    ),
  );
  out.push("");
  for (const x of r.rows) out.push(`  ${x.name}: ${x.measures}`);
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
  out.push("\nPer step of one login (counted at the server's clients):");
  out.push(
    table(
      ["step", "status", "db queries", "store trips", "limiter trips"],
      r.steps.map((s) => [
        s.step,
        s.status,
        s.dbQueries,
        s.storeRoundTrips,
        s.limiterRoundTrips,
      ]),
    ),
  );
  out.push("\nFirst-load JS (gzip, every script the page's HTML loads):");
  out.push(
    table(
      ["page", "scripts", "kB"],
      r.pages.map((p) => [p.page, p.scripts, p.gzipKb]),
    ),
  );
  out.push(
    `\nStart-up (next start → first answered verify): ${r.startupMs} ms`,
  );
  out.push(
    `Peak RSS: ${r.memory.peakTreeRssMb} MB (process tree, sampled); high-water mark ${r.memory.peakProcessHwmMb} MB`,
  );
  out.push(
    `  peak by phase: ${Object.entries(r.memory.byPhaseMb)
      .map(([k, v]) => `${k} ${v} MB`)
      .join(", ")}`,
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
