import "server-only";
import { checkDb, dbKind } from "@/lib/db";
import { getMessenger } from "@/lib/messaging";
import { getChallengeStore } from "@/lib/store";

// What /api/health checks. The answer to callers is one word; which backends run and why one is
// down stays in the server log, since an anonymous caller needs to know nothing more.

/** Plivo's account API is asked at most this often; every other hit reuses the last answer. */
export const PROVIDER_CHECK_TTL_MS = 60_000;

interface PartHealth {
  part: string;
  kind: string;
  ok: boolean;
  reason?: string;
}

let provider: { at: number; result: Promise<PartHealth> } | undefined;

async function probe(part: string, kind: string, check: () => Promise<void>) {
  try {
    await check();
    return { part, kind, ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { part, kind, ok: false, reason };
  }
}

/** The messenger's check, shared by every caller within the TTL (in flight included). */
function probeProvider(): Promise<PartHealth> {
  const now = Date.now();
  if (!provider || now - provider.at >= PROVIDER_CHECK_TTL_MS) {
    const messenger = getMessenger();
    provider = {
      at: now,
      result: probe("messenger", messenger.kind, () => messenger.check()),
    };
  }
  return provider.result;
}

/** True when the database, the code store and the messaging provider all answer. */
export async function checkHealth(): Promise<boolean> {
  const store = getChallengeStore();
  const parts = await Promise.all([
    probe("db", dbKind(), checkDb),
    probe("store", store.kind, () => store.ping()),
    probeProvider(),
  ]);
  const down = parts.filter((p) => !p.ok);
  for (const p of down)
    console.error("health: %s (%s) unavailable: %s", p.part, p.kind, p.reason);
  return down.length === 0;
}
