import { getEnv } from "@/lib/env";
import { isMailOutboxActive } from "@/lib/mail";
import { isOutboxActive } from "@/lib/messaging";
import { hasOutboxToken, listOutbox } from "@/lib/messaging/outbox";

export const dynamic = "force-dynamic";

// The stable contract the end-to-end tests read codes and email links from. It exists only while
// the outbox messenger or mailer is in use; otherwise it is indistinguishable from a missing route.
// In production it answers only the holder of OUTBOX_TOKEN (lib/env refuses to start the outbox
// there without one; email reaches the outbox in production only with MESSAGING=outbox).
export function GET(request: Request) {
  if (!isOutboxActive() && !isMailOutboxActive())
    return new Response("Not Found", { status: 404 });
  const { production, outboxToken } = getEnv();
  if (
    production &&
    !(
      outboxToken &&
      hasOutboxToken(request.headers.get("authorization"), outboxToken)
    )
  )
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="outbox"' },
    });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  return Response.json(listOutbox(to), {
    headers: { "cache-control": "no-store" },
  });
}
