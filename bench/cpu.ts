import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { processTree } from "./rss";

// CPU time the server itself spent (user + sys of `next start` and any process it forks, read from
// /proc on Linux), so a scenario's cost per request does not depend on what else shares the cores.

function ticksPerSecond(): number {
  try {
    return (
      Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100
    );
  } catch {
    return 100;
  }
}

const TICKS = ticksPerSecond();

/** [user, sys] in clock ticks: utime + cutime and stime + cstime (children already reaped). */
function ticksOf(pid: number): [number, number] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    // Fields 14–17 of stat(5), counted from 3 after the command name.
    return [f[11]! + f[13]!, f[12]! + f[14]!];
  } catch {
    return [0, 0]; // the process is gone
  }
}

/** The server process tree's CPU time so far, in milliseconds: in all, and in the kernel. */
export function treeCpuMs(root: number): { total: number; sys: number } {
  let user = 0;
  let sys = 0;
  for (const pid of processTree(root)) {
    const [u, k] = ticksOf(pid);
    user += u;
    sys += k;
  }
  const ms = (ticks: number) => (ticks * 1000) / TICKS;
  return { total: ms(user + sys), sys: ms(sys) };
}
