// Speaks Upstash's REST protocol in front of a real redis-server, so the Upstash store, @upstash/ratelimit
// and the e2e suite run against real Redis semantics (Lua, expiry, MULTI) without the network.
// Run directly: PORT=8079 UPSTASH_TOKEN=… REDIS_URL=redis://127.0.0.1:6379 npx tsx test/support/upstash-rest-server.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import { RedisConnection, RedisError, type Reply } from "./resp";
import { createScriptTranslator, type ScriptCommand } from "./upstash-scripts";

type Outcome = { result: unknown } | { error: string };

/** Upstash base64-encodes every string in a result (nested ones too) when asked; "OK" stays readable. */
function encodeResult(r: Reply, base64: boolean, top = true): unknown {
  if (Array.isArray(r))
    return r.map((x) =>
      x instanceof RedisError ? null : encodeResult(x, base64, false),
    );
  if (typeof r === "string" && base64 && !(top && r === "OK"))
    return Buffer.from(r).toString("base64");
  return r;
}

function toOutcome(r: Reply, base64: boolean): Outcome {
  return r instanceof RedisError
    ? { error: r.message }
    : { result: encodeResult(r, base64) };
}

function toArgs(command: unknown): string[] {
  if (!Array.isArray(command) || command.length === 0)
    throw new Error("ERR command must be a non-empty array");
  return command.map((a) =>
    typeof a === "string"
      ? a
      : typeof a === "object"
        ? JSON.stringify(a)
        : String(a),
  );
}

type Translate = (args: string[]) => ScriptCommand;

/** Redis's replies, with SCRIPT LOAD answering the SHA of the script as the client sent it. */
async function run(
  redis: RedisConnection,
  commands: ScriptCommand[],
  wrap?: [string[], string[]],
): Promise<Reply[]> {
  const args = commands.map((c) => c.args);
  const replies = await redis.send(wrap ? [wrap[0], ...args, wrap[1]] : args);
  const answer = (r: Reply, i: number) =>
    typeof r === "string" && commands[i]?.sha ? commands[i].sha : r;
  if (!wrap) return replies.map(answer);
  const exec = replies[replies.length - 1]!;
  if (Array.isArray(exec)) replies[replies.length - 1] = exec.map(answer);
  return replies;
}

async function handle(
  redis: RedisConnection,
  translate: Translate,
  path: string,
  body: unknown,
  base64: boolean,
): Promise<[number, unknown]> {
  if (path === "/") {
    const [reply] = await run(redis, [translate(toArgs(body))]);
    const outcome = toOutcome(reply!, base64);
    return ["error" in outcome ? 400 : 200, outcome];
  }
  if (!Array.isArray(body))
    return [400, { error: "ERR body must be an array of commands" }];
  const commands = body.map((c) => translate(toArgs(c)));
  if (path === "/pipeline") {
    const replies = await run(redis, commands);
    return [200, replies.map((r) => toOutcome(r, base64))];
  }
  if (path === "/multi-exec") {
    const replies = await run(redis, commands, [["MULTI"], ["EXEC"]]);
    const exec = replies[replies.length - 1]!;
    if (exec instanceof RedisError || !Array.isArray(exec)) {
      // A command rejected while queueing explains the abort better than EXECABORT itself.
      const cause = replies.find((r) => r instanceof RedisError) ?? exec;
      return [
        400,
        {
          error:
            cause instanceof RedisError
              ? cause.message
              : "ERR transaction aborted",
        },
      ];
    }
    return [200, exec.map((r) => toOutcome(r, base64))];
  }
  return [404, { error: "not found" }];
}

export interface UpstashRestServer {
  url: string;
  token: string;
  /** Authorized commands requests so far (one per HTTP round trip a client makes). */
  requests(): number;
  close(): Promise<void>;
}

export async function startUpstashRestServer(options: {
  port?: number;
  token: string;
  redisUrl?: string;
  host?: string;
}): Promise<UpstashRestServer> {
  const {
    token,
    port = 0,
    host = "127.0.0.1",
    redisUrl = "redis://127.0.0.1:6379",
  } = options;
  const redis = new RedisConnection(redisUrl);
  const translate = createScriptTranslator();
  let requests = 0;
  const reply = (
    res: http.ServerResponse,
    status: number,
    payload: unknown,
  ) => {
    res
      .writeHead(status, { "content-type": "application/json" })
      .end(JSON.stringify(payload));
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!.replace(/\/+$/, "") || "/";
    if (req.method === "GET" && path === "/ping") {
      redis.send([["PING"]]).then(
        () => reply(res, 200, { result: "PONG" }),
        (e: Error) => reply(res, 503, { error: e.message }),
      );
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return reply(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST")
      return reply(res, 405, { error: "method not allowed" });
    requests++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(res, 400, {
          error: "ERR failed to parse request body as JSON",
        });
      }
      const base64 =
        String(req.headers["upstash-encoding"] ?? "").toLowerCase() ===
        "base64";
      handle(redis, translate, path, body, base64).then(
        ([status, payload]) => reply(res, status, payload),
        (e: Error) =>
          reply(res, e.message.startsWith("ERR") ? 400 : 502, {
            error: e.message,
          }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    token,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        redis.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (/upstash-rest-server\.[cm]?[tj]s$/.test(process.argv[1] ?? "")) {
  const token =
    process.env.UPSTASH_TOKEN ??
    process.env.UPSTASH_REDIS_REST_TOKEN ??
    "local-dev-token";
  startUpstashRestServer({
    port: Number(process.env.PORT ?? 8079),
    token,
    redisUrl: process.env.REDIS_URL,
  }).then(
    (s) =>
      console.log(
        `Upstash REST server on ${s.url} (token ${token === "local-dev-token" ? token : "from env"})`,
      ),
    (e: Error) => {
      console.error(e);
      process.exit(1);
    },
  );
}
