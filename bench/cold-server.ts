import { spawn } from "node:child_process";
import net from "node:net";
import { BENCH, serverEnv, serverNodeFlags } from "./config";
import {
  freePort,
  NEXT_BIN,
  startScript,
  stopper,
  withoutUpstash,
  type Started,
} from "./servers";
import { PRELOAD_ENTRIES_VAR, STAGE_DIR } from "./stage";

// A server as a serverless instance meets its first request: plain `next start` of the bench build,
// with no start-up warm-up (TWOSTEP_WARM_UP unset, as on Vercel), no harness preload, and without
// Next's loading of every route as it starts (a serverless function loads only its own route, and
// a first request that shared the cores with loading all the others would measure them, not its
// route), handed its first request as soon as its port accepts a connection. Readiness is probed with a bare TCP
// connect: an HTTP request would itself load a route and warm what the first request should pay.

const PROBE_EVERY_MS = 5;
const START_TIMEOUT_MS = 60_000;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: BENCH.host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface ColdServer extends Started {
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** From spawn to the port's first accepted connection. */
  portOpenMs: number;
}

export async function startCold(upstash: {
  url: string;
  token: string;
}): Promise<ColdServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...withoutUpstash(process.env),
    ...serverEnv(port, upstash),
    [PRELOAD_ENTRIES_VAR]: "0",
  };
  delete env.TWOSTEP_WARM_UP;
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...serverNodeFlags(startScript()),
      NEXT_BIN,
      "start",
      "-H",
      BENCH.host,
      "-p",
      String(port),
    ],
    { env, cwd: STAGE_DIR, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => void (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => void (output += chunk));
  const stop = stopper(child);
  const until = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`cold next start never opened its port:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return {
    child,
    url: `http://${BENCH.host}:${port}`,
    spawnedAt,
    portOpenMs: performance.now() - spawnedAt,
    stop,
  };
}
