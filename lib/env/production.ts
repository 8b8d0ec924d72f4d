// What production asks of the environment beyond the development defaults. The embedded parts are
// refused unless TWOSTEP_EMBEDDED=1 says so: per-process memory would give each serverless instance
// its own limits, lockouts and challenges, and PGlite cannot write on Vercel.

/** The same floor as NEXTAUTH_SECRET: long enough that guessing it is not an option. */
export const OUTBOX_TOKEN_MIN_LENGTH = 32;

/** Vercel's advice for CRON_SECRET: a random string of at least 16 characters. */
export const CRON_SECRET_MIN_LENGTH = 16;

type Need = (ok: boolean, path: string, message: string) => void;

export function checkProduction(
  e: {
    NODE_ENV: string;
    TWOSTEP_EMBEDDED?: string;
    DATABASE_URL?: string;
    MESSAGING?: string;
    OUTBOX_TOKEN?: string;
    TRUSTED_PROXY_HOPS?: number;
    VERCEL?: string;
    PROOF_OF_WORK?: string;
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
  // The outbox hands every code and link to whoever holds one bearer token: a test rig, never a
  // deployment people sign in to.
  need(
    e.MESSAGING !== "outbox",
    "MESSAGING",
    `must not be outbox in production: every code would be readable with one token (${unless})`,
  );
  // Without it, a script can have texts sent to any numbers at the cost of an HTTP request each.
  need(
    e.PROOF_OF_WORK !== "off",
    "PROOF_OF_WORK",
    `must not be off in production: texts to unproven numbers would cost a pumping script nothing (${unless})`,
  );
  // Left unset, no request names its client, so every client shares one per-address bucket and
  // one client can pause sign-ins for all. Vercel's edge names the client itself.
  need(
    !!e.VERCEL || e.TRUSTED_PROXY_HOPS !== undefined,
    "TRUSTED_PROXY_HOPS",
    `is required in production outside Vercel: the number of proxies in front of the app, 0 if none (${unless})`,
  );
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
