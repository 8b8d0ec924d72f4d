import type { Env } from "@/lib/env";
import {
  clientAddressWarning,
  decideStartup,
  defaultNextAuthUrl,
  embeddedWarning,
} from "@/lib/env-startup";

// Start-up of the Node.js server (instrumentation.ts calls it once). A bad environment stops it
// here with one clear message (on Vercel it is logged and every request answers 500); then the
// parts the first request would otherwise open are opened now, so the first request after
// "Ready" is about as fast as the tenth.
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
  const { getMessenger } = await import("@/lib/messaging");
  getMessenger(); // prints the outbox-in-production warning now, not on the first send
  const { getMailer } = await import("@/lib/mail");
  getMailer(); // production without SMTP_URL says now which email features are off
  await warmUp(env);
}

// The embedded database is opened (and migrated) before the first request is let through: that is
// seconds of work. Remote parts are only started: a slow network must not hold the server back, and
// the first request then finds the connection already open or opening. A first model query loads
// Prisma's query compiler and a first hash loads argon2's native code, each ~100 ms on first use.
async function warmUp(env: Env): Promise<void> {
  const [{ getDb }, { getChallengeStore }, { hashPassword }] =
    await Promise.all([
      import("@/lib/db"),
      import("@/lib/store"),
      import("@/lib/password"),
    ]);
  const report = (part: string) => (error: unknown) =>
    console.warn(`Start-up: the ${part} is not reachable yet:`, error);
  const db = getDb()
    .then((client) => client.user.findFirst({ select: { id: true } }))
    .catch(report("database"));
  void getChallengeStore().ping().catch(report("code store"));
  void hashPassword("twostep-start-up-warm-up").catch(() => {});
  if (!env.databaseUrl) await db;
}
