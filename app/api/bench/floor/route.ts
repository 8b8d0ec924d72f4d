import { benchRoutesEnabled, notFound } from "@/app/bench/enabled";

export const dynamic = "force-dynamic";

// The framework's floor: a route handler that does no work, served by the same build and server as
// the real routes, so the benchmark's budgets are ratios to it rather than absolute numbers.
function floor() {
  if (!benchRoutesEnabled()) return notFound();
  return Response.json({ ok: true });
}

export const GET = floor;
export const POST = floor;
