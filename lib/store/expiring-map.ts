// A Map whose entries expire, for the embedded store and limiter. Expired entries are dropped when
// read; a sweep every SWEEP_EVERY_WRITES writes bounds memory.

const SWEEP_EVERY_WRITES = 1000;

export interface ExpiringMap<T> {
  get(key: string): T | undefined;
  /** Stores a value for ttlMs (Infinity: until deleted); the value object is kept by reference. */
  set(key: string, value: T, ttlMs: number): void;
  /** When the key's entry expires (epoch ms), if it is live. */
  expiresAt(key: string): number | undefined;
  delete(key: string): void;
}

export function createExpiringMap<T>(clock: () => number): ExpiringMap<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  let writes = 0;
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= clock()) entries.delete(key);
    else return entry;
  };
  return {
    get: (key) => live(key)?.value,
    expiresAt: (key) => live(key)?.expiresAt,
    set(key, value, ttlMs) {
      if (++writes % SWEEP_EVERY_WRITES === 0)
        for (const k of [...entries.keys()]) live(k);
      entries.set(key, { value, expiresAt: clock() + ttlMs });
    },
    delete: (key) => void entries.delete(key),
  };
}
