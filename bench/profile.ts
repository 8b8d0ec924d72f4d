import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { profileScenario, type Scenario, type Target } from "./load";
import type { Report } from "./report";

// Two summaries of V8 CPU profiles: the top frames by self time of one profiled window (send and
// verify, taken through the preloaded counters), and, with BENCH_PROFILE=1 (the whole server run
// under --cpu-prof), self time summed by where the code lives (a package, the app, Node, GC).

export const PROFILE_DIR = "bench-results/profiles";
export const SCENARIO_PROFILE_DIR = "bench-results/scenario-profiles";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function bucket({ functionName, url }: Node["callFrame"]): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  // Turbopack names a chunk of bundled packages after node_modules.
  if (/\/chunks\/(ssr\/)?node_modules_/.test(url)) return "bundled packages";
  if (url.includes("/twostep-bench/") || url.includes("/.next/"))
    return "app bundle";
  if (url.startsWith("node:internal/deps/undici"))
    return "node: fetch (undici)";
  if (url.startsWith("node:internal/webstreams")) return "node: web streams";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node: core";
  return "other";
}

export interface Frame {
  frame: string;
  where: string;
  ms: number;
  /** Share of the window's busy (non-idle) samples, in %. */
  share: number;
}

function frameName({ functionName, url, lineNumber }: Node["callFrame"]) {
  const file = url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "")
    .replace(/^.*\/twostep-bench\/src\//, "");
  const name = functionName || "(anonymous)";
  return file ? `${name} ${file}:${lineNumber + 1}` : name;
}

/**
 * The `top` frames of one profile by self time, idle and the profiler's own work excluded. A native function (a socket write,
 * say) is named with the JavaScript frame that called it, and counted where that caller lives.
 */
export function topFrames(profile: unknown, top = 10): Frame[] {
  return selfTimes(profile, (key) => key).slice(0, top);
}

/** Self time by where the code lives (a package, the app, Node, GC), idle and profiler excluded. */
export function byWhere(profile: unknown): Frame[] {
  return selfTimes(profile, (_key, where) => where);
}

function selfTimes(
  profile: unknown,
  group: (frame: string, where: string) => string,
): Frame[] {
  const p = profile as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, Node>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const describe = (node: Node) => {
    const frame = node.callFrame;
    if (frame.url || frame.functionName.startsWith("("))
      return { key: frameName(frame), where: bucket(frame) };
    let caller = parent.get(node.id);
    while (caller && !caller.callFrame.url) caller = parent.get(caller.id);
    if (!caller) return { key: frameName(frame), where: "(native)" };
    return {
      key: `${frame.functionName} (native) ← ${frameName(caller.callFrame)}`,
      where: bucket(caller.callFrame),
    };
  };
  // The profiler's own start and stop run on the server's thread, under node:inspector: not the
  // server's work, so left out.
  const profilerItself = (node: Node) => {
    for (let n: Node | undefined = node; n; n = parent.get(n.id))
      if (n.callFrame.url === "node:inspector") return true;
    return false;
  };
  const totals = new Map<string, { where: string; us: number }>();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === "(idle)") return;
    if (profilerItself(node)) return;
    const us = p.timeDeltas[i] ?? 0;
    const { key, where } = describe(node);
    const name = group(key, where);
    const entry = totals.get(name) ?? { where, us: 0 };
    entry.us += us;
    totals.set(name, entry);
    busy += us;
  });
  return [...totals.entries()]
    .sort((a, b) => b[1].us - a[1].us)
    .map(([frame, { where, us }]) => ({
      frame,
      where,
      ms: Math.round(us / 1000),
      share: Math.round((us / busy) * 1000) / 10,
    }));
}

/** Keeps a profiled window's raw profile, for Chrome DevTools or speedscope. */
export async function saveProfile(name: string, profile: unknown) {
  await mkdir(SCENARIO_PROFILE_DIR, { recursive: true });
  const file = path.join(
    SCENARIO_PROFILE_DIR,
    `${name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.cpuprofile`,
  );
  await writeFile(file, JSON.stringify(profile));
  return file;
}

export async function summarizeProfiles(top = 12) {
  const files = (await readdir(PROFILE_DIR).catch(() => [])).filter((f) =>
    f.endsWith(".cpuprofile"),
  );
  const totals = new Map<string, number>();
  let all = 0;
  for (const f of files) {
    const p = JSON.parse(
      await readFile(path.join(PROFILE_DIR, f), "utf8"),
    ) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, bucket(n.callFrame)]));
    p.samples.forEach((id, i) => {
      const us = p.timeDeltas[i] ?? 0;
      const k = byId.get(id) ?? "?";
      totals.set(k, (totals.get(k) ?? 0) + us);
      all += us;
    });
  }
  return [...totals.entries()]
    .filter(([k]) => k !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({
      where,
      ms: Math.round(us / 1000),
      share: Math.round((us / all) * 1000) / 10,
    }));
}

/** A profiled window of `scenario`: its top frames, and its raw profile kept on disk. */
export async function profileWindow(
  server: Target,
  scenario: Scenario,
): Promise<Report["profiles"][number]> {
  const profile = await profileScenario(server, scenario);
  const name = `${scenario.name} ${scenario.store}`;
  return {
    scenario: scenario.name,
    store: scenario.store,
    file: await saveProfile(
      scenario.store === "upstash" ? scenario.name : name,
      profile,
    ),
    frames: topFrames(profile),
    byWhere: byWhere(profile),
  };
}
