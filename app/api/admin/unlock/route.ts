import { answer, consoleRoute } from "@/lib/http";
import { unlockAccount } from "@/lib/steps/console-actions";
import { consoleActionSchema } from "@/lib/validation/console";

// "Unlock" in the console: lifts the pause or switch-off wrong second factors put on sign-in.
export const POST = consoleRoute(
  { schema: consoleActionSchema, action: "unlock" },
  async (ctx, body) => answer(await unlockAccount(ctx, body)),
);
