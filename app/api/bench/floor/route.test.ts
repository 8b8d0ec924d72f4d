import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as counters } from "../counters/route";
import { GET, POST } from "./route";

// The benchmark's baseline routes must not exist outside its own build (next.config.js inlines
// TWOSTEP_BENCH_ROUTES as "0" there). Here the variable is read at run time, so it can be set.
describe("benchmark-only routes", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers 404 in a build without the bench flag", async () => {
    vi.stubEnv("TWOSTEP_BENCH_ROUTES", "0");
    expect((await GET()).status).toBe(404);
    expect((await POST()).status).toBe(404);
    expect((await counters()).status).toBe(404);
  });

  it("answers the floor's trivial reply in the bench build", async () => {
    vi.stubEnv("TWOSTEP_BENCH_ROUTES", "1");
    const res = await POST();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("switches the routes on only when building for the bench", () => {
    const config = createRequire(import.meta.url)(
      "../../../../next.config.js",
    ) as (phase: string) => { env: Record<string, string>; distDir: string };
    expect(config("phase-production-build").env.TWOSTEP_BENCH_ROUTES).toBe("0");
    expect(config("phase-production-build").distDir).toBe(".next");
  });
});
