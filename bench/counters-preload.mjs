// Loaded into the benchmark's `next start` with `node --import` (bench/servers.ts), never into
// the product: counts what the server sends through its clients — HTTP requests to the Upstash REST
// URL (each one a round trip, with the commands it carried) and SQL statements through node-postgres
// — and answers them, with the heavy packages Node has loaded so far, on 127.0.0.1 at
// BENCH_COUNTERS_PORT. It also runs the V8 profiler on demand, for the profiled windows.
import http from "node:http";
import https from "node:https";
import inspector from "node:inspector";
import { createRequire } from "node:module";
import {
  createHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
} from "node:perf_hooks";

// Resolves as the app does (from its folder), and shares Node's one CommonJS module cache with it.
const requireFromApp = createRequire(`${process.cwd()}/`);

const port = Number(process.env.BENCH_COUNTERS_PORT);
const upstash = process.env.UPSTASH_REDIS_REST_URL
  ? new URL(process.env.UPSTASH_REDIS_REST_URL)
  : null;
const HEAVY = ["plivo", "@node-rs/argon2"];

const counts = { sql: 0, upstash: 0, commands: {} };
/** Upstash commands sent since the window's stalls were last read. */
let windowCommands = 0;

function tally(body) {
  let parsed;
  try {
    parsed = JSON.parse(typeof body === "string" ? body : "");
  } catch {
    return;
  }
  // One command is ["EVALSHA", …]; a pipeline is [["EVALSHA", …], …].
  const list = Array.isArray(parsed?.[0]) ? parsed : [parsed];
  windowCommands += list.length;
  for (const command of list) {
    const name = String(command?.[0] ?? "?").toUpperCase();
    counts.commands[name] = (counts.commands[name] ?? 0) + 1;
  }
}

// Installed before Next starts, so Next's own fetch wrapper ends up calling this one.
const originalFetch = globalThis.fetch;
globalThis.fetch = function countedFetch(input, init) {
  const url = URL.parse(input instanceof Request ? input.url : String(input));
  if (
    upstash &&
    url?.origin === upstash.origin &&
    url.pathname.startsWith(upstash.pathname)
  ) {
    counts.upstash += 1;
    tally(init?.body);
  }
  return originalFetch.call(this, input, init);
};

// The app's Upstash client sends through http.request (lib/store/upstash-http.ts): one call, one
// round trip, its commands in the body it ends with.
function isUpstash(options) {
  if (!upstash || typeof options !== "object" || options instanceof URL)
    return false;
  const origin = `${options.protocol ?? "http:"}//${options.hostname}${options.port ? `:${options.port}` : ""}`;
  return (
    origin === upstash.origin &&
    String(options.path ?? "/").startsWith(upstash.pathname)
  );
}
for (const transport of [http, https]) {
  const request = transport.request;
  transport.request = function countedRequest(options, ...rest) {
    const req = request.call(this, options, ...rest);
    if (isUpstash(options)) {
      counts.upstash += 1;
      const sent = performance.now();
      req.once("response", (res) =>
        res.once("end", () =>
          roundTrips.record(
            Math.max(1, Math.round((performance.now() - sent) * 1000)),
          ),
        ),
      );
      const end = req.end;
      req.end = function countedEnd(body, ...more) {
        tally(typeof body === "string" ? body : "");
        return end.call(this, body, ...more);
      };
    }
    return req;
  };
}

// Every statement node-postgres sends goes through Client#query, pooled or inside a transaction.
try {
  const pg = requireFromApp("pg");
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    counts.sql += 1;
    return query.apply(this, args);
  };
} catch {
  // No node-postgres here: the server runs on the embedded database and no SQL is counted.
}

function loaded() {
  const files = Object.keys(requireFromApp.cache);
  return HEAVY.filter((name) =>
    files.some((f) => f.includes(`/node_modules/${name}/`)),
  );
}

const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );

// Peaks of the server's own memory accounts (V8 heap, external, array buffers) since the last
// phase was read, so a report can say whether a phase's RSS is JavaScript heap or native memory.
const MEMORY_FIELDS = [
  "rss",
  "heapTotal",
  "heapUsed",
  "external",
  "arrayBuffers",
];
let memoryPeak = {};
function sampleMemory() {
  const now = process.memoryUsage();
  for (const field of MEMORY_FIELDS)
    memoryPeak[field] = Math.max(memoryPeak[field] ?? 0, now[field]);
}
setInterval(sampleMemory, 200).unref();

// What stops the event loop during a window: its delay histogram (every request in flight waits
// out a stall, so one long one shows in p99) and the garbage collector's pauses, by kind.
// Each request as the server saw it, from its 'request' event to the reply's last byte handed to
// the kernel (µs): what autocannon measures beyond this waited outside the server's handler.
const served = createHistogram();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function timedEmit(event, req, res) {
  if (event === "request" && res && this !== countersServer) {
    const start = performance.now();
    res.once("finish", () =>
      served.record(
        Math.max(1, Math.round((performance.now() - start) * 1000)),
      ),
    );
  }
  return emit.apply(this, arguments);
};

// Upstash round trips as the server sees them, from the request to the reply's end (µs).
const roundTrips = createHistogram();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0, majorMs: 0 };
const MAJOR_GC = 4; // perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if (entry.detail?.kind === MAJOR_GC) gc.majorMs += entry.duration;
  }
}).observe({ entryTypes: ["gc"] });

function stallsSinceLastRead() {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const read = {
    loopDelayP99Ms: ms(loopDelay.percentile(99)),
    loopDelayMaxMs: ms(loopDelay.max),
    gc: { ...gc },
    servedP99Ms: served.count ? served.percentile(99) / 1000 : 0,
    servedMaxMs: served.count ? served.max / 1000 : 0,
    upstashP99Ms: roundTrips.count ? roundTrips.percentile(99) / 1000 : 0,
    upstashMaxMs: roundTrips.count ? roundTrips.max / 1000 : 0,
    // Several requests' commands share a round trip when they go out in one turn (upstash-batch.ts).
    upstashCommandsPerTrip: roundTrips.count
      ? windowCommands / roundTrips.count
      : 0,
  };
  windowCommands = 0;
  roundTrips.reset();
  served.reset();
  loopDelay.reset();
  gc = { count: 0, totalMs: 0, maxMs: 0, majorMs: 0 };
  return read;
}

async function answer(req) {
  if (req.method === "POST" && req.url === "/stalls/phase")
    return stallsSinceLastRead();
  if (req.method === "POST" && req.url === "/memory/phase") {
    sampleMemory();
    const peak = memoryPeak;
    memoryPeak = {};
    return peak;
  }
  if (req.method === "GET" && req.url === "/counters")
    return { ...counts, commands: { ...counts.commands }, loaded: loaded() };
  if (req.method === "POST" && req.url === "/profile/start") {
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 1000 });
    await post("Profiler.start");
    return { ok: true };
  }
  if (req.method === "POST" && req.url === "/profile/stop") {
    const { profile } = await post("Profiler.stop");
    await post("Profiler.disable");
    return profile;
  }
  return null;
}

let countersServer;
if (port) {
  const server = (countersServer = http.createServer((req, res) => {
    answer(req).then(
      (body) => {
        res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify(body ?? { error: "not found" }));
      },
      (error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(error) }));
      },
    );
  }));
  server.listen(port, "127.0.0.1");
  // The counters never keep the server alive on their own.
  server.unref();
}
