// Next builds each route, and instrumentation.ts, into a bundle of its own, and each bundle gets
// its own copy of every module it imports: a module-level variable is one per route, not one per
// process. What must be one per process — a bound on work in flight, work done once at start-up
// for every route to reuse, a client and its connections, a large list — is kept here, on
// globalThis, under a name.

const REGISTRY = Symbol.for("twostep.process-wide");

type WithRegistry = typeof globalThis & {
  [REGISTRY]?: Map<string, unknown>;
};

/** The one value of `name` in this process, made by `create` on first use. */
export function processWide<T>(name: string, create: () => T): T {
  const g = globalThis as WithRegistry;
  const registry = (g[REGISTRY] ??= new Map());
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** Forgets `name`, so the next use makes it again (a failed load is retried, not kept). */
export function forgetProcessWide(name: string): void {
  (globalThis as WithRegistry)[REGISTRY]?.delete(name);
}
