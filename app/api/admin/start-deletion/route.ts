import { answer, consoleRoute } from "@/lib/http";
import { startDeletion } from "@/lib/steps/console-actions";
import { consoleActionSchema } from "@/lib/validation/console";

// "Start deletion" in the console: the person's own deletion with its grace period (ASVS 5.0 7.4.2).
export const POST = consoleRoute(
  { schema: consoleActionSchema, action: "start-deletion" },
  async (ctx, body) =>
    answer(await startDeletion(ctx, body), (done) => ({
      dueAt: done.dueAt?.toISOString() ?? null,
    })),
);
