import { findAccountsByEmail } from "@/lib/account/email";

export const dynamic = "force-dynamic";

// The database's first query on a cold start, and nothing else: Prisma's client and its query
// compiler, a new connection, and the password step's own two queries (for an address nobody has).
// Everything here is also in the password step's graph, so its first request can be no faster.
// Only in the benchmark's staged build.
export async function POST() {
  const accounts = await findAccountsByEmail("first-query@bench.invalid");
  return Response.json({ ok: true, accounts: accounts.length });
}
