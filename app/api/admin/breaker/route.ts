import { answer, consoleRoute } from "@/lib/http";
import { changeBreaker } from "@/lib/steps/message-figures";
import { breakerChangeSchema } from "@/lib/validation/console";

// "Lift" and "Extend" on a breaker in force, on the console's Messages page: its audit row names
// the scope, the action and the reason typed.
export const POST = consoleRoute(
  {
    schema: breakerChangeSchema,
    action: "breaker",
    target: (body) => `${body.action} ${body.scope}`,
  },
  async (ctx, { scope, action, minutes, reason }) =>
    answer(
      await changeBreaker(
        ctx,
        action === "lift"
          ? { scope, action, reason }
          : {
              scope,
              action,
              minutes: minutes ?? 0,
              reason,
            },
      ),
      ({ breaker }) => ({
        until: breaker ? new Date(breaker.until).toISOString() : null,
      }),
    ),
);
