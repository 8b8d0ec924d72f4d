import type { ChildProcess } from "node:child_process";

export const WARM_UP: { method: string; path: string; body?: string }[];

export function startNext(options?: {
  args?: string[];
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  write?: (text: string) => void;
}): { child: ChildProcess; ready: Promise<string> };
