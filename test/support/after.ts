// Next's after() for vitest, where a handler runs with no request scope (the real one throws
// there). Tasks wait here until the test runs them, as Next runs them once the reply is sent:
//   vi.mock("next/server", async (importOriginal) => ({
//     ...(await importOriginal<typeof import("next/server")>()),
//     after: (await import("@/test/support/after")).after,
//   }));

const tasks: (() => unknown)[] = [];

export function after(task: (() => unknown) | Promise<unknown>): void {
  tasks.push(typeof task === "function" ? task : () => task);
}

/** How many tasks wait for the reply to be sent. */
export function pendingAfterTasks(): number {
  return tasks.length;
}

/** What Next does once the reply is sent: runs every waiting task, in order. */
export async function runAfterTasks(): Promise<void> {
  while (tasks.length > 0) await tasks.shift()!();
}
