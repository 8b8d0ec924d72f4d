import "server-only";
import type { StepContext } from "@/lib/context";
import type { ChangeContext } from "@/lib/security-changes/apply";
import { eraseDueAccounts } from "./erase-due-accounts";
import { purgeUnconfirmedAccounts } from "./unconfirmed-accounts";

// The work that falls due with time rather than with a request: run by GET /api/cron/due (Vercel
// Cron, vercel.json) and by `npm run erase-due` (scripts/run-due-tasks.ts) for other hosts. Adding a
// task is one line here; each reads the time from ctx.now(), so a test runs it at any moment.

export type DueContext = Pick<StepContext, "store" | "now"> & ChangeContext;

const DUE_TASKS = {
  /** Accounts whose deletion's grace period ended. */
  eraseDueAccounts,
  /** Sign-ups whose address nobody proved in time: the address is let go. */
  purgeUnconfirmedAccounts,
} satisfies Record<string, (ctx: DueContext) => Promise<object>>;

export type DueTaskName = keyof typeof DUE_TASKS;

/** Runs every due task in turn; one that throws is reported and the others still run. */
export async function runDueTasks(
  ctx: DueContext,
): Promise<Record<DueTaskName, object | { failed: string }>> {
  const results = {} as Record<DueTaskName, object | { failed: string }>;
  for (const [name, task] of Object.entries(DUE_TASKS) as [
    DueTaskName,
    (ctx: DueContext) => Promise<object>,
  ][]) {
    try {
      results[name] = await task(ctx);
    } catch (error) {
      console.error("due task %s failed: %s", name, (error as Error).message);
      results[name] = { failed: (error as Error).message };
    }
  }
  return results;
}
