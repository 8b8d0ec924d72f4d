import { EnvError, parseEnv, type Env } from "@/lib/env";

// What start-up does with the environment (instrumentation.ts runs it once per server process).

export type StartupDecision =
  | { kind: "start"; env: Env }
  /** Outside Vercel: print the message and stop the process with a non-zero exit. */
  | { kind: "exit"; message: string }
  /**
   * On Vercel a function cannot refuse to start: the message goes to its logs and every request
   * fails on the same check (getEnv throws), which the app answers with its error page (500).
   */
  | { kind: "log"; message: string };

export function decideStartup(
  source: Record<string, string | undefined>,
): StartupDecision {
  try {
    return { kind: "start", env: parseEnv(source) };
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return { kind: source.VERCEL ? "log" : "exit", message: error.message };
  }
}

/**
 * next-auth reads NEXTAUTH_URL itself and warns when it is unset; give it the validated public URL
 * so a zero-config `npm run dev` prints nothing the newcomer did not cause. On Vercel next-auth
 * takes the origin from the request instead (preview aliases share one deployment).
 */
export function defaultNextAuthUrl(
  env: Env,
  target: Record<string, string | undefined>,
): void {
  if (!target.NEXTAUTH_URL && !env.vercel) target.NEXTAUTH_URL = env.appUrl;
}

/** The loud start-up warning for TWOSTEP_EMBEDDED=1 in production; undefined when not needed. */
export function embeddedWarning(env: Env): string | undefined {
  if (!env.embeddedInProduction) return undefined;
  const parts = [
    !env.databaseUrl && "the database is PGlite in this process's folder",
    !env.upstash && "codes and limits live in this process's memory",
    !env.appUrl.startsWith("https://") && `the public URL is ${env.appUrl}`,
    !env.proofOfWork &&
      "PROOF_OF_WORK=off: texts to unproven numbers need no proof of work",
  ].filter((p): p is string => typeof p === "string");
  const bar = "!".repeat(72);
  return [
    "",
    bar,
    "!!  TWOSTEP_EMBEDDED=1 IN PRODUCTION: for a single-machine demo or an",
    "!!  end-to-end run only. Each instance keeps its own state; do not scale out.",
    ...parts.map((p) => `!!  - ${p}`),
    bar,
    "",
  ].join("\n");
}

/**
 * Outside Vercel with no trusted proxy hop, no request names its client: every per-address limit
 * then counts all clients together. Said once at start-up in production; undefined when not needed.
 */
export function clientAddressWarning(env: Env): string | undefined {
  if (!env.production || env.vercel || env.trustedProxyHops > 0)
    return undefined;
  return (
    "Start-up: TRUSTED_PROXY_HOPS is 0, so no request names its client address: per-address limits " +
    "count all clients together. Set it to the number of proxies in front of the app."
  );
}
