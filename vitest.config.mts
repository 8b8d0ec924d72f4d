import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      // Before "@": the cookie helpers reach the tests' "next/headers" mock, as they did before
      // API handlers read their own request's cookies (test/support/route-cookies.ts).
      "@/lib/http/cookies": fileURLToPath(
        new URL("./test/support/route-cookies.ts", import.meta.url),
      ),
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // The real package throws outside React Server Components; tests run the server code directly.
      "server-only": fileURLToPath(
        new URL("./test/support/server-only.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "prisma/**/*.test.ts",
      "test/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: {
      DATABASE_URL:
        process.env.TEST_DATABASE_URL ??
        "postgresql://postgres@127.0.0.1:5432/test",
      NEXTAUTH_SECRET: "vitest-secret-that-is-long-enough-0123456789abcdef",
      // Suites sign up many numbers they never verify, in one process and on one shared Redis: the
      // breakers against SMS pumping and the hourly ceiling would trip for every suite after them.
      // Their own tests set them (lib/limits/messages.test.ts, lib/limits/pumping.test.ts).
      BREAKER_MIN_SENDS_PER_HOUR: "1000000000",
      LIMIT_MESSAGES_PER_HOUR: "1000000000",
      // Route tests post no proof of work; lib/proof-of-work's tests switch it on.
      PROOF_OF_WORK: "off",
    },
  },
});
