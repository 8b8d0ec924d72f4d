import { checkDb, dbKind } from "@/lib/db";
import { getMessenger } from "@/lib/messaging";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

async function probe(kind: string, check: () => Promise<void>) {
  try {
    await check();
    return { kind, ok: true };
  } catch {
    // The reason stays in the server log; the public answer says only which part is down.
    return { kind, ok: false };
  }
}

export async function GET() {
  const store = getChallengeStore();
  const messenger = getMessenger();
  const [db, codeStore, messaging] = await Promise.all([
    probe(dbKind(), checkDb),
    probe(store.kind, () => store.ping()),
    probe(messenger.kind, () => messenger.check()),
  ]);
  const ok = db.ok && codeStore.ok && messaging.ok;
  return Response.json(
    { ok, db, store: codeStore, messenger: messaging },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
