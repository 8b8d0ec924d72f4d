// `npm start`: `next start`, announced as ready only once it answers. Next prints "Ready" as soon
// as its port is open, before it has loaded its config, its server code or this app's start-up
// (instrumentation.ts); a request in that window waits for all of it, so the first click after
// "Ready" took seconds. Here the "Ready" line is held back while a few requests that change
// nothing open the database, the code store and the code of the sign-in route and page, and then
// printed, so the first request after it is about as fast as the tenth.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Requests that load what a sign-in needs and change nothing: the health check opens the database
 * and the code store, and an empty password step is refused while parsing, before any limit counts.
 */
export const WARM_UP = [
  { method: "GET", path: "/api/health" },
  { method: "GET", path: "/login" },
  { method: "POST", path: "/api/login", body: "{}" },
];
const READY = /\bReady in\b/;
const LOCAL = /- Local:\s+(\S+)/;

const require = createRequire(import.meta.url);

/**
 * Spawns `next start` with `args` and resolves once it answers; `nodeArgs` go to its Node (the
 * benchmark's preload and profiler). Output passes through `write` unchanged, except that the
 * "Ready" line comes after the warm-up.
 */
export function startNext({
  args = [],
  nodeArgs = [],
  env = process.env,
  cwd = process.cwd(),
  write = (text) => process.stdout.write(text),
} = {}) {
  const started = Date.now();
  const nextBin = require.resolve("next/dist/bin/next", { paths: [cwd] });
  const child = spawn(
    process.execPath,
    [...nodeArgs, nextBin, "start", ...args],
    {
      // The start-up warm-up (instrumentation-node.ts) is for this long-running server only.
      env: { TWOSTEP_WARM_UP: "1", ...env },
      cwd,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const ready = new Promise((resolve, reject) => {
    let url;
    let buffered = "";
    child.once("exit", (code) =>
      reject(new Error(`next start exited with ${code}`)),
    );
    child.stdout.on("data", (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        url ??= LOCAL.exec(line)?.[1];
        if (!READY.test(line) || !url) {
          write(`${line}\n`);
          continue;
        }
        warmUp(url).then(() => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          write(`${line.replace(/Ready in .*/, `Ready in ${seconds}s`)}\n`);
          resolve(url);
        }, reject);
      }
    });
  });
  return { child, ready };
}

async function warmUp(base) {
  for (const { method, path: route, body } of WARM_UP) {
    // Any answer will do, even an error page or none: the code behind it is loaded either way,
    // and a server that cannot answer says why in its own log.
    const headers = body ? { "content-type": "application/json" } : undefined;
    await fetch(new URL(route, base), {
      method,
      body,
      headers,
      redirect: "manual",
    })
      .then((res) => res.arrayBuffer())
      .catch(() => {});
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { child, ready } = startNext({
    args: process.argv.slice(2),
    // The flags `npm start` gives Node (package.json: the heap cap) are the server's to run with.
    nodeArgs: process.execArgv.filter((flag) => !flag.startsWith("--inspect")),
    cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."),
  });
  for (const signal of ["SIGINT", "SIGTERM"])
    process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // A start that fails has said why in next start's own output; its exit code is ours.
  ready.catch(() => {});
}
