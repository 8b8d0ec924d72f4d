import { createRequire } from "node:module";
import { benchRoutesEnabled, notFound } from "@/app/bench/enabled";
import { getDb, queryCount } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Packages too heavy to load on a path that does not use them. */
const HEAVY = ["plivo", "@node-rs/argon2"];

// Bench builds only: the server's own client-side counters, read before and after one request so
// the benchmark reports database queries and store and limiter round trips per step, and which
// heavy packages Node has loaded so far.
export async function GET() {
  if (!benchRoutesEnabled()) return notFound();
  const files = Object.keys(createRequire(`${process.cwd()}/`).cache);
  return Response.json({
    dbQueries: queryCount(await getDb()),
    loaded: HEAVY.filter((name) =>
      files.some((f) => f.includes(`/node_modules/${name}/`)),
    ),
  });
}
