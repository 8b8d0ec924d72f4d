import { answer, consoleRoute } from "@/lib/http";
import { removeFactor } from "@/lib/steps/console-actions";
import { removeFactorSchema } from "@/lib/validation/console";

// "Remove" on a factor in the console: an authenticator app, a passkey or recovery codes.
export const POST = consoleRoute(
  { schema: removeFactorSchema, action: "remove-factor" },
  async (ctx, body) => answer(await removeFactor(ctx, body)),
);
