import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// Anonymous callers (load balancers, uptime monitors, Playwright's start-up wait) learn only
// whether the app can serve: 200 {"status":"ok"} or 503 {"status":"unavailable"}. Which part is
// down, and why, goes to the server log.
export async function GET() {
  const ok = await checkHealth();
  return Response.json(
    { status: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
