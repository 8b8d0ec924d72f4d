export const dynamic = "force-dynamic";

// The framework's floor: a route handler that does no work, served by the same build and server as
// the real routes, so the benchmark's budgets are ratios to it rather than absolute numbers. It
// exists only in the benchmark's staged copy of the app (bench/stage.ts), never in a normal build.
function floor() {
  return Response.json({ ok: true });
}

export const GET = floor;
export const POST = floor;
