import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import { BENCH, serverEnv } from "./config";
import { PROFILE_DIR } from "./profile";

// The processes a run starts: the bench build, Upstash's REST protocol in front of the local Redis
// (its own process, as Upstash would be), and `next start`. Each is stopped when the run ends.

const NEXT_BIN = "node_modules/next/dist/bin/next";

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args[0]} exited with ${code}`)),
    );
  });
}

/** `next build` into BENCH.distDir with the baseline routes on; next-env.d.ts is put back after. */
export async function buildForBench(env: Record<string, string>) {
  const saved = await readFile("next-env.d.ts", "utf8").catch(() => null);
  try {
    await run(process.execPath, [NEXT_BIN, "build"], {
      ...process.env,
      ...env,
      TWOSTEP_BENCH: "1",
    });
  } finally {
    if (saved !== null) await writeFile("next-env.d.ts", saved);
  }
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

function stopper(child: ChildProcess) {
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

/** Starts `next start` and times it to the first verify the app answers (through the code store). */
export async function startNext(upstash: { url: string; token: string }) {
  const port = await freePort();
  const url = `http://${BENCH.host}:${port}`;
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      // Node refuses --cpu-prof in NODE_OPTIONS; the profile is written when the server exits.
      ...(process.env.BENCH_PROFILE === "1"
        ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`]
        : []),
      NEXT_BIN,
      "start",
      "-H",
      BENCH.host,
      "-p",
      String(port),
    ],
    {
      // TWOSTEP_BENCH=1 here too: next.config.js picks the bench build's folder at start as well.
      env: { ...process.env, ...serverEnv(port, upstash), TWOSTEP_BENCH: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  // A cookie for no challenge: the answer (401 NO_CHALLENGE) comes from the store, not the router.
  const cookie = `twostep_challenge=${randomBytes(24).toString("base64url")}`;
  const stop = stopper(child);
  const res = await waitFor(
    `${url}/api/otp/verify`,
    {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ code: "000000" }),
    },
    started + 60_000,
    child,
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  const startupMs = Date.now() - started;
  if (res.status !== 401) {
    await stop();
    throw new Error(`first verify answered ${res.status}, expected 401`);
  }
  return { child, url, port, startupMs, stop };
}
