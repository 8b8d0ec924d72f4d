import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { createAccount } from "@/lib/account/records";
import { applyMigrations } from "@/lib/db/migrations";
import { hashPassword } from "@/lib/password/hash";
import { createScriptRunner, createUpstashRedis } from "@/lib/redis/client";
import { createUpstashChallengeStore } from "@/lib/store/upstash-challenges";
import { writeChallenges } from "./app/bench/_lib/challenges";
import { BENCH } from "./config";

// Everything the load needs before it starts: a fresh database, accounts with verified phones, and
// pools of challenges (what the password step would write), so send and verify are measured
// without an argon2 hash in front of every request.

export const RIGHT_CODE = "123456";
export const WRONG_CODE = "000000";

export async function prepareDatabase() {
  const url = new URL(BENCH.databaseUrl);
  const name = url.pathname.slice(1);
  const admin = new Client({
    connectionString: new URL("/postgres", url).href,
  });
  await admin.connect();
  try {
    const found = await admin.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [name],
    );
    if (!found.rowCount)
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: BENCH.databaseUrl });
  await db.connect();
  await db
    .query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    .finally(() => db.end());
  await applyMigrations(new PrismaPg({ connectionString: BENCH.databaseUrl }));
}

export interface BenchUser {
  id: string;
  email: string;
  phone: string;
}

/** Accounts created as a verified signup would leave them (needs DATABASE_URL = the bench db). */
export async function seedUsers(count: number): Promise<BenchUser[]> {
  const passwordHash = await hashPassword(BENCH.password);
  const run = randomBytes(3).toString("hex");
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench.${run}.${i}@example.com`;
    const phone = `+3361${String(i).padStart(7, "0")}`;
    const made = await createAccount({ email, passwordHash, phone });
    if (!made.ok) throw new Error(`seeding ${email}: ${made.error}`);
    users.push({ id: made.userId, email, phone });
  }
  return users;
}

/** Makes `count` login challenges owned in turn by the users; with `code`, that code is issued. */
export type ChallengeMaker = (
  count: number,
  code: string | null,
) => Promise<string[]>;

const ownersOf = (users: BenchUser[]) =>
  users.map((u) => ({ userId: u.id, phone: u.phone }));

/** Written by the harness straight into Upstash, through the app's own store client. */
export function upstashChallenges(
  upstash: { url: string; token: string },
  users: BenchUser[],
): ChallengeMaker {
  const redis = createUpstashRedis(upstash);
  const store = createUpstashChallengeStore(redis, createScriptRunner(redis));
  return (count, code) => writeChallenges(store, ownersOf(users), count, code);
}

/** Challenges per request to the bench build's /api/bench/challenges. */
const BATCH = 2000;

/** Written by the server into its own (in-process) store, through the bench build's route. */
export function serverChallenges(
  base: string,
  users: BenchUser[],
): ChallengeMaker {
  return async (count, code) => {
    const ids: string[] = [];
    for (let done = 0; done < count; done += BATCH) {
      const res = await fetch(`${base}/api/bench/challenges`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          owners: ownersOf(users),
          count: Math.min(BATCH, count - done),
          code,
        }),
      });
      if (!res.ok)
        throw new Error(`/api/bench/challenges answered ${res.status}`);
      ids.push(...((await res.json()) as { ids: string[] }).ids);
    }
    return ids;
  };
}
