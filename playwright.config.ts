import { defineConfig } from "@playwright/test";
import { E2E_SERVERS, e2eServerEnv } from "./e2e/support/servers";

// Runs against a production build (`next build` first, see package.json "test:e2e") in Debian's
// Chromium; codes are read from the outbox contract (GET /api/dev/outbox).
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_SERVERS.main.url,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `npx tsx test/support/upstash-rest-server.ts`,
      url: `${E2E_SERVERS.redis.url}/ping`,
      env: {
        PORT: String(E2E_SERVERS.redis.port),
        UPSTASH_TOKEN: E2E_SERVERS.redis.token,
      },
      reuseExistingServer: false,
    },
    ...(["main", "short", "passkey"] as const).map((name) => ({
      // `npm start`, as a newcomer runs it: `next start`, announced once it answers.
      command: `node scripts/start.mjs -H 127.0.0.1 -p ${E2E_SERVERS[name].port}`,
      // Health over the address it listens on (the passkey server's URL names localhost).
      url: `http://127.0.0.1:${E2E_SERVERS[name].port}/api/health`,
      env: e2eServerEnv(name),
      reuseExistingServer: false,
      timeout: 60_000,
    })),
  ],
});
