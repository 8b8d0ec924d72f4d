import { defineConfig } from "vitest/config";
import base from "./vitest.config.mjs";

// `npm run test:security`: the security figures, printed as one table and asserted. Same
// aliases and setup as the unit tests; only the *.figures.ts files, so the plain `vitest run`
// never runs them twice.
//
// A database of its own (created and migrated by the global setup): the figures count rows
// written, and another suite truncating the shared `test` database meanwhile would skew them.
const DATABASE_URL =
  process.env.SECURITY_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/test_security";
// test/support/db.ts reads this in the global setup (this process) and in the test workers.
process.env.TEST_DATABASE_URL = DATABASE_URL;

const baseSetup = base.test?.globalSetup ?? [];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/security/**/*.figures.ts"],
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
