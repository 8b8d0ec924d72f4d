// At most `slots` tasks run at once; the rest wait their turn, first come first served.

export interface Semaphore {
  /** Runs the task once a slot is free; the slot is freed when it settles, even by a rejection. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** How many tasks hold a slot now. */
  inFlight(): number;
}

export function createSemaphore(slots: number): Semaphore {
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (running < slots) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A freed slot passes straight to the next waiter, so a newcomer cannot jump the queue.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    inFlight: () => running,
  };
}
