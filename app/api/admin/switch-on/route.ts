import { answer, consoleRoute } from "@/lib/http";
import { switchOn } from "@/lib/steps/console-actions";
import { consoleActionSchema } from "@/lib/validation/console";

// "Switch on" in the console: sign-in works again.
export const POST = consoleRoute(
  { schema: consoleActionSchema, action: "switch-on" },
  async (ctx, body) => answer(await switchOn(ctx, body)),
);
