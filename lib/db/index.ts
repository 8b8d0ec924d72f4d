import "server-only";
import { mkdir } from "node:fs/promises";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { holdFolder } from "./folder-lock";

// Types only at the top: the generated client and Prisma's runtime load with the first getDb(), so a
// route that sends no SQL (a right code for a sign-in) never loads them on its cold start.
export type {
  AuthEvent,
  AuthEventType,
  Phone,
  Prisma,
  User,
} from "@/lib/generated/prisma/client";
export type Db = PrismaClient;
export { DatabaseFolderBusyError } from "./folder-lock";

const prismaClient = async () =>
  (await import("@/lib/generated/prisma/client")).PrismaClient;

export type DbOptions = {
  /** Real Postgres through node-postgres; wins over pgliteDir. */
  databaseUrl?: string;
  /** Embedded PGlite data folder ("memory://" for a throwaway one); migrated on open. */
  pgliteDir?: string;
};

type Handle = { close: () => Promise<void> };
const handles = new WeakMap<Db, Handle>();

/** Builds a new client; most code wants getDb(). Close it with closeDb(). */
export async function createDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const [{ PrismaPg }, PrismaClient] = await Promise.all([
      import("@prisma/adapter-pg"),
      prismaClient(),
    ]);
    const adapter = new PrismaPg({ connectionString: options.databaseUrl });
    const db = new PrismaClient({ adapter });
    handles.set(db, { close: () => db.$disconnect() });
    return db;
  }
  // Loaded only here so deployments on real Postgres never load PGlite or the
  // schema engine's WebAssembly. A Next build made with DATABASE_URL set has
  // TWOSTEP_BUILT_FOR_POSTGRES inlined as "1" (next.config.js): the imports are
  // then compiled out, and PGlite is traced into no serverless function.
  const embedded =
    process.env.TWOSTEP_BUILT_FOR_POSTGRES === "1"
      ? undefined
      : await Promise.all([
          import("@electric-sql/pglite"),
          import("pglite-prisma-adapter"),
          import("./migrations"),
        ]);
  if (!embedded)
    throw new Error(
      "This build was made for Postgres (DATABASE_URL was set while building): set DATABASE_URL, or rebuild without it to use the embedded database.",
    );
  const [
    { PGlite },
    { PrismaPGlite },
    { applyMigrations, hasPendingMigrations },
  ] = embedded;
  const dir = options.pgliteDir ?? "memory://";
  let release = async () => {};
  if (!dir.includes("://")) {
    await mkdir(dir, { recursive: true });
    release = await holdFolder(dir);
  }
  const pglite = new PGlite(dir);
  const adapter = new PrismaPGlite(pglite);
  try {
    if (await hasPendingMigrations(pglite)) await applyMigrations(adapter);
  } catch (error) {
    await pglite.close();
    await release();
    throw error;
  }
  const db = new (await prismaClient())({ adapter });
  // The adapter's dispose leaves PGlite open; close it so the folder is released.
  const close = async () => {
    await db.$disconnect();
    if (!pglite.closed) await pglite.close();
    await release();
  };
  handles.set(db, { close });
  return db;
}

export async function closeDb(db: Db): Promise<void> {
  await handles.get(db)?.close();
}

// On globalThis so Next's dev hot reload reuses the client instead of opening
// another pool (or a second PGlite on the same folder, which would corrupt it).
const cache = globalThis as typeof globalThis & { __twostepDb?: Promise<Db> };

/** The process's one client, from DATABASE_URL or else the embedded PGlite. */
export function getDb(): Promise<Db> {
  if (!cache.__twostepDb) {
    const env = getEnv();
    const pending = createDb({
      databaseUrl: env.databaseUrl,
      pgliteDir: env.pgliteDir,
    });
    // A failed start (say, the database is down) must not stick for the process's life.
    pending.catch(() => {
      if (cache.__twostepDb === pending) cache.__twostepDb = undefined;
    });
    cache.__twostepDb = pending;
  }
  return cache.__twostepDb;
}

/** Which database getDb() talks to, for the health report. */
export function dbKind(): "postgres" | "pglite" {
  return getEnv().databaseUrl ? "postgres" : "pglite";
}

/** Throws unless the database answers; for health checks. */
export async function checkDb(): Promise<void> {
  const db = await getDb();
  await db.$queryRaw`SELECT 1`;
}
