import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// With BENCH_PROFILE=1 the server runs under --cpu-prof; this sums the profile's self time by
// where the code lives (a package, the app's own code, Node, GC), to say what dominates.

export const PROFILE_DIR = "bench-results/profiles";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function bucket({ functionName, url }: Node["callFrame"]): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
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
