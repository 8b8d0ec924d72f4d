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

/** utime + stime, plus cutime + cstime (children already reaped), in clock ticks. */
function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14–17 of stat(5), counted from 3 after the command name.
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0);
  } catch {
    return 0; // the process is gone
  }
}

/** The server process tree's CPU time so far, in milliseconds. */
export function treeCpuMs(root: number): number {
  const ticks = processTree(root).reduce((sum, pid) => sum + ticksOf(pid), 0);
  return (ticks * 1000) / TICKS;
}
