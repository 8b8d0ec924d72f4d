import { readdirSync, readFileSync } from "node:fs";

// Peak memory of the server: `next start` and any process it forks, sampled from /proc (Linux).

function statusField(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // the process is gone
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

export function processTree(root: number): number[] {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const tree = [root];
  for (let grew = true; grew;) {
    grew = false;
    for (const pid of all)
      if (!tree.includes(pid) && tree.includes(parentOf(pid))) {
        tree.push(pid);
        grew = true;
      }
  }
  return tree;
}

export interface RssSampler {
  /** Peak since the previous mark, so a report can say which phase grew the server. */
  mark(phase: string): void;
  stop(): {
    peakTreeRssMb: number;
    peakProcessHwmMb: number;
    byPhaseMb: Record<string, number>;
  };
}

/** Samples the tree's summed RSS every 200 ms; also reads each process's own high-water mark. */
export function sampleRss(root: number): RssSampler {
  let peak = 0;
  let phasePeak = 0;
  let pids = [root];
  const byPhaseMb: Record<string, number> = {};
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  const tick = () => {
    pids = processTree(root);
    const sum = pids.reduce((s, p) => s + statusField(p, "VmRSS"), 0);
    peak = Math.max(peak, sum);
    phasePeak = Math.max(phasePeak, sum);
  };
  tick();
  const timer = setInterval(tick, 200);
  return {
    mark(phase) {
      tick();
      byPhaseMb[phase] = mb(phasePeak);
      phasePeak = 0;
    },
    stop() {
      clearInterval(timer);
      tick();
      const hwm = Math.max(...pids.map((p) => statusField(p, "VmHWM")));
      return { peakTreeRssMb: mb(peak), peakProcessHwmMb: mb(hwm), byPhaseMb };
    },
  };
}
