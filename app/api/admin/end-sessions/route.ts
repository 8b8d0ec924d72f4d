import { answer, consoleRoute } from "@/lib/http";
import { endAllSessions } from "@/lib/steps/console-actions";
import { consoleActionSchema } from "@/lib/validation/console";

// "End all sessions" in the console (ASVS 5.0 7.4.5).
export const POST = consoleRoute(
  { schema: consoleActionSchema, action: "end-sessions" },
  async (ctx, body) =>
    answer(await endAllSessions(ctx, body), (o) => ({ ended: o.ended })),
);
