import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection URL from here, not from schema.prisma. Read
// process.env directly: prisma's env() throws when unset, and `prisma generate`
// must work without a database.
//
// The CLI (`prisma migrate deploy` in vercel-build) prefers a direct connection:
// migrations take an advisory lock that a transaction-mode pooler (Neon's pooled
// DATABASE_URL, PgBouncer) does not keep. The running app uses DATABASE_URL.
const first = (...names: string[]) =>
  names.map((name) => process.env[name]?.trim()).find(Boolean);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: first("DATABASE_URL_UNPOOLED", "DIRECT_URL", "DATABASE_URL"),
  },
});
