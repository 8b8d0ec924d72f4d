import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { createAccount } from "@/lib/account";
import { hashCode } from "@/lib/challenge/code";
import { newChallengeId } from "@/lib/challenge/id";
import {
  CHALLENGE_TTL_SECONDS,
  CODE_TTL_SECONDS,
  MAX_SENDS,
} from "@/lib/challenge/policy";
import { applyMigrations } from "@/lib/db/migrations";
import { hashPassword } from "@/lib/password";
import {
  createScriptRunner,
  createUpstashRedis,
  type UpstashConfig,
} from "@/lib/store/upstash";
import { createUpstashChallengeStore } from "@/lib/store/upstash-challenges";
import type { ChallengeStore } from "@/lib/store/types";
import { BENCH } from "./config";

// Everything the load needs before it starts: a fresh database, accounts with verified phones, and
// pools of challenges written through the app's own store client (what the password step would
// write), so send and verify are measured without an argon2 hash in front of every request.

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

export function benchStore(upstash: UpstashConfig) {
  const redis = createUpstashRedis(upstash);
  return createUpstashChallengeStore(redis, createScriptRunner(redis));
}

/**
 * Login challenges as the password step leaves them, with a code the harness knows (so a
 * right-code verify needs no outbox read); without `withCode`, that first issue is undone, leaving
 * no code and every send still to spend. Written 32 at a time.
 */
export async function createChallenges(
  store: ChallengeStore,
  count: number,
  owner: (i: number) => { userId: string; phone: string },
  withCode: boolean,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const now = Date.now();
      const { userId, phone } = owner(i);
      const id = newChallengeId(`user:${userId}`);
      const codeHash = hashCode(id, RIGHT_CODE);
      const started = await store.startChallenge(
        {
          id,
          purpose: "login",
          userId,
          pendingEmail: null,
          pendingPasswordHash: null,
          phone,
          createdAt: now,
        },
        CHALLENGE_TTL_SECONDS,
        {
          codeHash,
          codeExpiresAt: now + CODE_TTL_SECONDS * 1000,
          now,
          maxSends: MAX_SENDS,
          channel: "sms",
          cooldownMs: 0,
          delivery: "sent",
        },
      );
      if (!started.ok)
        throw new Error(`seeding a challenge: ${started.reason}`);
      // Back to the fresh state from before that issue: no code, no send spent.
      if (!withCode)
        await store.restoreIssue(id, codeHash, started.previous, "none");
      ids[i] = id;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return ids;
}
