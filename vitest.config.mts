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
    },
  },
});
