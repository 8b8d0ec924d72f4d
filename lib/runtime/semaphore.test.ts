import { describe, expect, it } from "vitest";
import { createSemaphore } from "./semaphore";

/** A task that runs until the test ends it. */
function heldTask(log: string[], name: string) {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const task = async () => {
    log.push(name);
    await ended;
    return name;
  };
  return { task, end };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a semaphore", () => {
  it("runs at most its slots at once and starts the waiting tasks in arrival order", async () => {
    const semaphore = createSemaphore(2);
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d", "e"].map((n) => heldTask(started, n));
    const results = tasks.map(({ task }) => semaphore.run(task));
    await settle();
    expect(started).toEqual(["a", "b"]);
    expect(semaphore.inFlight()).toBe(2);

    tasks[1]!.end();
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    expect(semaphore.inFlight()).toBe(2);

    for (const { end } of tasks) end();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e"]);
    expect(semaphore.inFlight()).toBe(0);
  });

  it("frees the slot of a task that fails", async () => {
    const semaphore = createSemaphore(1);
    const failed = semaphore.run(async () => {
      throw new Error("argon2 refused the hash");
    });
    await expect(failed).rejects.toThrow("argon2 refused the hash");
    expect(semaphore.inFlight()).toBe(0);
    expect(await semaphore.run(async () => "next")).toBe("next");
  });

  it("hands a freed slot to the task already waiting, not to a newcomer", async () => {
    const semaphore = createSemaphore(1);
    const started: string[] = [];
    const first = heldTask(started, "first");
    const waiter = heldTask(started, "waiter");
    const newcomer = heldTask(started, "newcomer");
    let firstTask!: Promise<string>;
    const runs = [
      semaphore.run(() => (firstTask = first.task())),
      semaphore.run(waiter.task),
    ];
    await settle();
    // Arrives right after the slot is freed, before the waiter has resumed.
    void firstTask.then(() => runs.push(semaphore.run(newcomer.task)));
    first.end();
    await settle();
    expect(started).toEqual(["first", "waiter"]);
    waiter.end();
    newcomer.end();
    await settle();
    await Promise.all(runs);
    expect(started).toEqual(["first", "waiter", "newcomer"]);
  });
});
