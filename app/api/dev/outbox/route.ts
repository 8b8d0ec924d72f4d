import { isMailOutboxActive } from "@/lib/mail";
import { isOutboxActive } from "@/lib/messaging";
import { listOutbox } from "@/lib/messaging/outbox";

export const dynamic = "force-dynamic";

// The stable contract the end-to-end tests read codes and email links from. It exists only while the outbox
// messenger is in use; otherwise it is indistinguishable from a missing route.
export function GET(request: Request) {
  if (!isOutboxActive() && !isMailOutboxActive())
    return new Response("Not Found", { status: 404 });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  return Response.json(listOutbox(to), {
    headers: { "cache-control": "no-store" },
  });
}
