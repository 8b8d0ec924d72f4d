// `npm run erase-due`: the work GET /api/cron/due does on Vercel (lib/steps/due-tasks.ts), for a host
// without Vercel Cron: run it from cron, a systemd timer or by hand. It reads the same environment as
// the app (DATABASE_URL, or the embedded database in .data/pglite; UPSTASH_* for the code and
// session stores) and prints what each task did as JSON; it exits 1 when a task failed.
import { NO_REQUEST_FACTS } from "@/lib/context";
import { makeStepContext } from "@/lib/context/make";
import { closeDb, getDb } from "@/lib/db";
import { runDueTasks } from "@/lib/steps/due-tasks";

async function main(): Promise<number> {
  const results = await runDueTasks(makeStepContext(NO_REQUEST_FACTS));
  console.log(JSON.stringify(results));
  await closeDb(await getDb());
  return Object.values(results).some((r) => "failed" in r) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("erase-due: %s", (error as Error).message);
    process.exit(1);
  },
);
