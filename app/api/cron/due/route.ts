import { timingSafeEqual, createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import { makeStepContext } from "@/lib/context/make";
import { NO_REQUEST_FACTS } from "@/lib/context";
import { runDueTasks } from "@/lib/steps/due-tasks";

export const dynamic = "force-dynamic";

// The work that falls due with time (lib/steps/due-tasks.ts), called by Vercel Cron as vercel.json
// schedules it. Vercel sends `Authorization: Bearer <CRON_SECRET>`; anything else, or no CRON_SECRET
// set, is refused before any work. A GET, as Vercel Cron calls it, so it is not an apiHandler route:
// it has no browser caller and no cookie to ride on, and the secret is its only guard.
export async function GET(request: Request) {
  const secret = getEnv().cronSecret;
  if (!secret || !bearerMatches(request.headers.get("authorization"), secret))
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="cron"' },
    });
  try {
    const results = await runDueTasks(makeStepContext(NO_REQUEST_FACTS));
    return Response.json(results, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("cron: %s", (error as Error).message);
    return new Response("Service Unavailable", { status: 503 });
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Both sides hashed first, so the comparison takes the same time whatever the header holds. */
function bearerMatches(authorization: string | null, secret: string): boolean {
  const given = authorization?.match(/^Bearer (.+)$/)?.[1] ?? "";
  return given !== "" && timingSafeEqual(digest(given), digest(secret));
}
