import "server-only";
import { after } from "next/server";

/**
 * Work the reply need not wait for (sending an email, a notice). Inside a request it runs once the
 * reply is sent, through Next's after(), so neither its time nor its outcome shows in the answer;
 * elsewhere (a script, a test calling a step) it runs before this resolves. It never throws: a
 * failure is logged.
 */
export async function runAfterReply(
  label: string,
  task: () => Promise<void>,
): Promise<void> {
  const guarded = () =>
    task().catch((error: unknown) =>
      console.error("%s failed: %s", label, (error as Error).message),
    );
  try {
    after(guarded);
    return;
  } catch {
    // after() throws outside a request scope: run it now instead.
  }
  await guarded();
}
