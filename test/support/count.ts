import http from "node:http";
import https from "node:https";
import pg from "pg";

// Counting done by the test harness, around the product's clients rather than inside them: HTTP
// requests to one base URL (every Upstash REST call is one round trip, whatever it carries) and
// SQL statements sent through node-postgres (Prisma's Postgres adapter sends each one, BEGIN and
// COMMIT included, through Client#query). Stop each counter when the suite ends.

export interface Counter {
  /** How many so far. */
  readonly count: number;
  /** Puts the wrapped function back. */
  stop(): void;
}

function requestUrl(input: Parameters<typeof fetch>[0]): URL | null {
  try {
    return new URL(input instanceof Request ? input.url : String(input));
  } catch {
    return null;
  }
}

/** The URL an http.request call targets, from its options object (how the app's client calls it). */
function optionsUrl(options: unknown): URL | null {
  if (options instanceof URL) return options;
  if (typeof options === "string") return requestUrl(options);
  if (!options || typeof options !== "object") return null;
  const o = options as http.RequestOptions;
  const port = o.port ? `:${o.port}` : "";
  return requestUrl(
    `${o.protocol ?? "http:"}//${o.hostname ?? o.host}${port}${o.path ?? "/"}`,
  );
}

/**
 * Counts the requests this process makes to `baseUrl` (same origin, path under it), through
 * fetch() or http(s).request (the app's Upstash client sends through the latter).
 */
export function countRoundTrips(baseUrl: string): Counter {
  const base = new URL(baseUrl);
  const isBase = (url: URL | null) =>
    url?.origin === base.origin && url.pathname.startsWith(base.pathname);
  const original = globalThis.fetch;
  let count = 0;
  globalThis.fetch = (input, init) => {
    if (isBase(requestUrl(input))) count += 1;
    return original(input, init);
  };
  const requests = [http, https].map((transport) => {
    const request = transport.request;
    transport.request = function (this: unknown, ...args: unknown[]) {
      if (isBase(optionsUrl(args[0]))) count += 1;
      return (request as (...a: unknown[]) => http.ClientRequest).apply(
        this,
        args,
      );
    } as typeof transport.request;
    return () => {
      transport.request = request;
    };
  });
  return {
    get count() {
      return count;
    },
    stop() {
      globalThis.fetch = original;
      for (const restore of requests) restore();
    },
  };
}

/** Counts the SQL statements every node-postgres client in this process sends. */
export function countQueries(): Counter {
  const proto = pg.Client.prototype as { query: (...args: never[]) => unknown };
  const original = proto.query;
  let count = 0;
  proto.query = function (this: unknown, ...args: never[]) {
    count += 1;
    return original.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    stop() {
      proto.query = original;
    },
  };
}
