import { defineConfig } from "vitest/config";
import base from "./vitest.config.mjs";

// `npm run test:security`: the security figures, printed as one table and asserted. Same aliases
// and setup as the unit tests. It runs the *.figures.ts files (which the plain `vitest run` never
// includes) and the integration tests listed below: those already play a security scenario through
// the real routes, so they record its figures (test/security/figures.ts) instead of a figures file
// playing it a second time. Outside this run they assert and record nothing.
//
// A database of its own (created and migrated by the global setup): the figures count rows
// written, and another suite truncating the shared `test` database meanwhile would skew them.
const DATABASE_URL =
  process.env.SECURITY_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/test_security";
// test/support/db.ts reads this in the global setup (this process) and in the test workers.
process.env.TEST_DATABASE_URL = DATABASE_URL;

/** Integration tests whose scenarios feed the report. */
const SCENARIO_TESTS = [
  "app/api/account/remembered-devices.test.ts",
  "app/api/auth/[[]...nextauth]/route.test.ts",
  "app/api/challenge-cookie.test.ts",
  "app/api/client-address.test.ts",
  "app/api/code-guessing.test.ts",
  "app/api/health/route.test.ts",
  "app/api/owner-lockout.test.ts",
  "lib/limits/destination-routes.test.ts",
];

const baseSetup = base.test?.globalSetup ?? [];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/security/**/*.figures.ts", ...SCENARIO_TESTS],
    // report.ts first: it creates the database the shared setup then migrates.
    globalSetup: [
      "test/security/report.ts",
      ...(Array.isArray(baseSetup) ? baseSetup : [baseSetup]),
    ],
    env: {
      ...base.test?.env,
      DATABASE_URL,
      TEST_DATABASE_URL: DATABASE_URL,
    },
    testTimeout: 120_000,
  },
});
