import { answer, consoleRoute } from "@/lib/http";
import { switchOff } from "@/lib/steps/console-actions";
import { consoleActionSchema } from "@/lib/validation/console";

// "Switch off" in the console (ASVS 5.0 7.4.2): sessions end, sign-in is refused while off.
export const POST = consoleRoute(
  { schema: consoleActionSchema, action: "switch-off" },
  async (ctx, body) => answer(await switchOff(ctx, body)),
);
