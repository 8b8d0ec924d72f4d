import { cronRoute } from "@/lib/http";
import { runDueTasks } from "@/lib/steps/due-tasks";

export const dynamic = "force-dynamic";

// The work that falls due with time (lib/steps/due-tasks.ts), as vercel.json has Vercel Cron call it:
// a GET carrying `Authorization: Bearer <CRON_SECRET>` (the route's shape refuses anything else). It
// answers what each task did; `npm run erase-due` does the same from a shell.
export const GET = cronRoute(async (ctx) =>
  Response.json(await runDueTasks(ctx), {
    headers: { "cache-control": "no-store" },
  }),
);
