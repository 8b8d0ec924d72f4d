import "server-only";
import http from "node:http";
import https from "node:https";

// Upstash's REST protocol over node:http(s) with a keep-alive agent, in place of the client's
// fetch(). Each command is one HTTP request either way; fetch (undici's WHATWG streams, plus
// Next's own wrapper around fetch inside a route) cost about five times the CPU of http.request
// per round trip, measured against the REST stand-in, and a verify is one round trip.

export interface UpstashTarget {
  url: string;
  token: string;
}

/** The part of @upstash/redis's request this transport reads (lib/redis/client.ts hands it over). */
export interface UpstashRequest {
  path?: string[];
  body?: unknown;
  headers?: Record<string, string>;
}

/** Upstash's reply to one command, or an array of them for a pipeline. */
export interface UpstashResponse<T> {
  result?: T;
  error?: string;
}

/** A reply that is an error, or no reply Upstash would send; named as the client names its own. */
export class UpstashError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UpstashError";
  }
}

/** What @upstash/redis calls a Requester: one request, its parsed reply. */
export interface HttpRequester {
  readYourWrites: boolean;
  upstashSyncToken: string;
  request<T>(req: UpstashRequest): Promise<UpstashResponse<T>>;
}

const SYNC_TOKEN = "upstash-sync-token";

/**
 * An idle socket is dropped after this long, or sooner when the server's Keep-Alive header says it
 * closes sooner (Node's agent then keeps it a second less than the hint): reusing a socket the
 * server has just closed fails the request ("socket hang up"), and a script is never sent twice.
 * 4 s is undici's own default when a server gives no hint.
 */
const IDLE_SOCKET_MS = 4_000;

export function createHttpRequester({
  url,
  token,
}: UpstashTarget): HttpRequester {
  const base = new URL(url);
  const transport = base.protocol === "https:" ? https : http;
  const agent = new transport.Agent({
    keepAlive: true,
    timeout: IDLE_SOCKET_MS,
  });
  const prefix = base.pathname.replace(/\/+$/, "");
  const requester: HttpRequester = {
    // As the client's own: each request sees the writes of the ones before it (Upstash replicas).
    readYourWrites: true,
    upstashSyncToken: "",
    request<T>(req: UpstashRequest) {
      const body = JSON.stringify(req.body);
      const headers: Record<string, string | number> = {
        ...req.headers,
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      };
      if (requester.readYourWrites && requester.upstashSyncToken)
        headers[SYNC_TOKEN] = requester.upstashSyncToken;
      const path = [prefix, ...(req.path ?? [])].join("/") || "/";
      return new Promise<UpstashResponse<T>>((resolve, reject) => {
        const request = transport.request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            path,
            method: "POST",
            headers,
            agent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("error", reject);
            res.on("end", () => {
              const raw = Buffer.concat(chunks).toString("utf8");
              let reply: UpstashResponse<T>;
              try {
                reply = JSON.parse(raw) as UpstashResponse<T>;
              } catch (cause) {
                const preview =
                  raw.length > 200 ? `${raw.slice(0, 200)}...` : raw;
                return reject(
                  new UpstashError(
                    `Unable to parse response body: ${preview}`,
                    {
                      cause,
                    },
                  ),
                );
              }
              const sync = res.headers[SYNC_TOKEN];
              if (requester.readYourWrites && typeof sync === "string")
                requester.upstashSyncToken = sync;
              const status = res.statusCode ?? 0;
              // The command itself stays out of the message: its arguments may be secrets' hashes.
              if (status < 200 || status > 299)
                return reject(
                  new UpstashError(reply.error ?? `HTTP ${status}`),
                );
              resolve(reply);
            });
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    },
  };
  return requester;
}
