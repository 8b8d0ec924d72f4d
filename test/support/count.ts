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

/** Counts the fetch() calls this process makes to `baseUrl` (same origin, path under it). */
export function countRoundTrips(baseUrl: string): Counter {
  const base = new URL(baseUrl);
  const original = globalThis.fetch;
  let count = 0;
  globalThis.fetch = (input, init) => {
    const url = requestUrl(input);
    if (url?.origin === base.origin && url.pathname.startsWith(base.pathname))
      count += 1;
    return original(input, init);
  };
  return {
    get count() {
      return count;
    },
    stop() {
      globalThis.fetch = original;
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
