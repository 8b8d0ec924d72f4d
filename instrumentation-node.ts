import type { Env } from "@/lib/env";
import {
  clientAddressWarning,
  decideStartup,
  defaultNextAuthUrl,
  embeddedWarning,
} from "@/lib/env/startup";

// Start-up of every Node.js instance (instrumentation.ts calls it once): a bad environment stops
// it here with one clear message (on Vercel it is logged and every request answers 500). Nothing
// here does I/O, because a serverless function and the proxy start here too, on every cold start.
// Only the long-running server (`npm start`, which sets TWOSTEP_WARM_UP=1) then opens the parts
// the first request would otherwise open, so its first request after "Ready" is about as fast as
// the tenth.
export async function startServer(
  source: Record<string, string | undefined> = process.env,
): Promise<void> {
  const decision = decideStartup(source);
  if (decision.kind !== "start") {
    console.error(decision.message);
    if (decision.kind === "exit") process.exit(1);
    return;
  }
  const { env } = decision;
  defaultNextAuthUrl(env, source);
  for (const warning of [embeddedWarning(env), clientAddressWarning(env)])
    if (warning) console.warn(warning);
  if (env.warmUp) await warmUp(env);
}

async function warmUp(env: Env): Promise<void> {
  const { getMessenger } = await import("@/lib/messaging");
  getMessenger(); // prints the outbox-in-production warning now, not on the first send
  const { getMailer } = await import("@/lib/mail");
  getMailer(); // production without SMTP_URL says now which email features are off
  await openParts(env);
}

// The embedded database is opened (and migrated) before the first request is let through: that is
// seconds of work. Remote parts are only started: a slow network must not hold the server back, and
// the first request then finds the connection already open or opening. The sign-in's own queries
// and the password check run once on nobody, so Prisma has compiled their plans and argon2 has
// loaded its native code and made the stand-in hash unknown emails are checked against (each
// ~100 ms on first use). None of it writes anything. `npm start` (scripts/start.mjs) then asks
// for a few pages before it prints "Ready".
const NOBODY = "start-up@twostep.invalid";

async function openParts(env: Env): Promise<void> {
  const [
    { getDb },
    { findAccountsByEmail },
    { acceptedFactors },
    store,
    password,
  ] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/account/email"),
    import("@/lib/factors/records"),
    import("@/lib/store"),
    import("@/lib/password/hash"),
  ]);
  const report = (part: string) => (error: unknown) =>
    console.warn(`Start-up: the ${part} is not reachable yet:`, error);
  const db = getDb()
    .then(() =>
      Promise.all([
        findAccountsByEmail(NOBODY),
        acceptedFactors({ id: NOBODY, textCodesOff: false }),
      ]),
    )
    .catch(report("database"));
  void store.getChallengeStore().ping().catch(report("code store"));
  void password.verifyPassword(null, NOBODY).catch(() => {});
  if (!env.databaseUrl) await db;
}
