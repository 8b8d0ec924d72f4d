// The benchmark's baseline routes (bench) exist only in its own build: next.config.js inlines
// this variable at build time, so every other build answers 404 whatever the server's environment.
export function benchRoutesEnabled(): boolean {
  return process.env.TWOSTEP_BENCH_ROUTES === "1";
}

export const notFound = () => new Response("Not Found", { status: 404 });
