// What production asks of the environment beyond the development defaults. The embedded parts are
// refused unless TWOSTEP_EMBEDDED=1 says so: per-process memory would give each serverless instance
// its own limits, lockouts and challenges, and PGlite cannot write on Vercel.

/** The same floor as NEXTAUTH_SECRET: long enough that guessing it is not an option. */
export const OUTBOX_TOKEN_MIN_LENGTH = 32;

type Need = (ok: boolean, path: string, message: string) => void;

export function checkProduction(
  e: {
    NODE_ENV: string;
    TWOSTEP_EMBEDDED?: string;
    DATABASE_URL?: string;
    MESSAGING?: string;
    OUTBOX_TOKEN?: string;
  },
  derived: { publicUrl: string | undefined; hasStore: boolean },
  need: Need,
): void {
  const prod = e.NODE_ENV === "production";
  if (e.MESSAGING === "outbox")
    need(
      !prod || !!e.OUTBOX_TOKEN,
      "OUTBOX_TOKEN",
      `is required in production with MESSAGING=outbox (${OUTBOX_TOKEN_MIN_LENGTH}+ characters; it guards GET /api/dev/outbox)`,
    );
  if (!prod || e.TWOSTEP_EMBEDDED === "1") return;
  const unless = "unless TWOSTEP_EMBEDDED=1 (a single-machine demo)";
  need(
    !!e.DATABASE_URL,
    "DATABASE_URL",
    `is required in production: the embedded PGlite keeps data on this machine only (${unless})`,
  );
  need(
    derived.hasStore,
    "UPSTASH_REDIS_REST_URL",
    `and its token are required in production: an in-process code store gives every instance its own limits and codes (${unless})`,
  );
  need(
    !!derived.publicUrl?.startsWith("https://"),
    "APP_URL",
    `must be the public https origin in production (${unless})`,
  );
}
