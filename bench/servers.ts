import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import { startNext as startAnnounced } from "../scripts/start.mjs";
import { BENCH, serverEnv, serverNodeFlags } from "./config";
import { PROFILE_DIR } from "./profile";
import { ROOT, STAGE_DIR, stageSources } from "./stage";

// The processes a run starts: the bench build (from the staged copy, bench/stage.ts), Upstash's REST
// protocol in front of the local Redis (its own process, as Upstash would be), and `next start` with
// the harness's counters preloaded. Each is stopped when the run ends.

export const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export const startScript = () =>
  (
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts.start ?? "";
const PRELOAD = pathToFileURL(
  path.join(ROOT, "bench/counters-preload.mjs"),
).href;

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args[0]} exited with ${code}`)),
    );
  });
}

/** Stages the app with the bench's own routes and runs `next build` there. */
export async function buildForBench(env: Record<string, string>) {
  await stageSources();
  await run(
    process.execPath,
    [NEXT_BIN, "build"],
    { ...process.env, ...env },
    STAGE_DIR,
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, BENCH.host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(
  url: string,
  init: RequestInit,
  until: number,
  child: ChildProcess,
) {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      return res;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export interface Started {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
}

export async function startUpstash(): Promise<Started & { token: string }> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/upstash-rest-server.ts"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        UPSTASH_TOKEN: token,
        REDIS_URL: BENCH.redisUrl,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://${BENCH.host}:${port}`;
  await waitFor(`${url}/ping`, {}, Date.now() + 30_000, child);
  return { child, url, token, stop: stopper(child) };
}

/** Upstash's variables, and Vercel's names for them, which would pick the store otherwise. */
const UPSTASH_VARS = [
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "KV_REST_API_URL",
  "KV_REST_API_TOKEN",
];

export function withoutUpstash(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of UPSTASH_VARS) delete copy[name];
  return copy;
}

export interface NextServer extends Started {
  port: number;
  /** Where the preloaded counters answer (bench/counters-preload.mjs). */
  countersUrl: string;
  /** From spawning `npm start`'s server to its "Ready" line. */
  readyMs: number;
}

/**
 * Starts the bench build as `npm start` does (scripts/start.mjs: `next start`, announced once it
 * answers) and returns at its "Ready" line, before any request of the run: the first request is
 * the caller's to time. Without `upstash`, the server runs on the in-process code store.
 */
export async function startNext(
  upstash?: { url: string; token: string },
  options: { wholeRunProfile?: boolean } = {},
): Promise<NextServer> {
  const port = await freePort();
  const countersPort = await freePort();
  const url = `http://${BENCH.host}:${port}`;
  const started = Date.now();
  let seen = "";
  const { child, ready } = startAnnounced({
    args: ["-H", BENCH.host, "-p", String(port)],
    nodeArgs: [
      "--import",
      PRELOAD,
      ...serverNodeFlags(startScript()),
      // Node refuses --cpu-prof in NODE_OPTIONS; the profile is written when the server exits.
      ...(options.wholeRunProfile
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`]
        : []),
    ],
    env: {
      ...withoutUpstash(process.env),
      ...serverEnv(port, upstash),
      BENCH_COUNTERS_PORT: String(countersPort),
    },
    cwd: STAGE_DIR,
    write: (text) => void (seen += text),
  });
  const stop = stopper(child);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    ready,
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("npm start printed no Ready line within 60 s")),
        60_000,
      );
    }),
  ])
    .catch(async (error: unknown) => {
      await stop();
      throw new Error(`${(error as Error).message}:\n${seen}`);
    })
    .finally(() => clearTimeout(timer));
  return {
    child,
    url,
    port,
    countersUrl: `http://${BENCH.host}:${countersPort}`,
    readyMs: Date.now() - started,
    stop,
  };
}
