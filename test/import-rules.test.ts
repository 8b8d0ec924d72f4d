import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CLIENT_SAFE_LIB,
  clientImportViolations,
  firstUseViolations,
  importViolations,
  isClientEntry,
  isProductFile,
} from "./support/import-rules";
import { coldPackages, coldRouteViolations } from "./support/cold-graph";

const ROOT = path.resolve(import.meta.dirname, "..");

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      path.relative(ROOT, path.join(e.parentPath, e.name)).replace(/\\/g, "/"),
    );
}

/** Every product file of lib/ and app/, with its source, by path. */
async function productSources(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of [
    ...(await filesUnder("lib")),
    ...(await filesUnder("app")),
  ].filter(isProductFile))
    files.set(file, await readFile(path.join(ROOT, file), "utf8"));
  return files;
}

describe("import rules", () => {
  it("hold in every product file", async () => {
    const files = [
      ...(await filesUnder("lib")),
      ...(await filesUnder("app")),
      "instrumentation.ts",
    ].filter(isProductFile);
    expect(files.length).toBeGreaterThan(50);
    const violations: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(ROOT, file), "utf8");
      violations.push(
        ...importViolations(file, source),
        ...firstUseViolations(file, source),
      );
    }
    expect(violations).toEqual([]);
  });

  it.each([
    [
      "lib/factors/webauthn.ts",
      `import { verifyAuthenticationResponse } from "@simplewebauthn/server";`,
    ],
    ["lib/mail/smtp.ts", `import nodemailer from "nodemailer";`],
    ["lib/steps/set-up-authenticator.ts", `import { renderSVG } from "uqr";`],
    [
      "lib/limits/login-upstash.ts",
      `import { Ratelimit } from "@upstash/ratelimit";`,
    ],
    [
      "lib/db/index.ts",
      `import { PrismaClient } from "@/lib/generated/prisma/client";`,
    ],
    [
      "lib/db/index.ts",
      `export { Prisma } from "@/lib/generated/prisma/client";`,
    ],
    ["lib/http/challenge-cookie.ts", `import { cookies } from "next/headers";`],
    ["lib/auth/sign-in-time.ts", `const h = require("next/headers");`],
  ])("load on first use only: broken by %s importing %s", (file, source) => {
    expect(firstUseViolations(file, source)).toHaveLength(1);
  });

  it.each([
    [
      "lib/factors/webauthn.ts",
      `const m = () => import("@simplewebauthn/server");`,
    ],
    [
      "lib/steps/verify-passkey.ts",
      `import type { AuthenticationResponseJSON } from "@simplewebauthn/server";`,
    ],
    ["lib/mail/smtp.ts", `import type { Transporter } from "nodemailer";`],
    [
      "lib/db/index.ts",
      `export type { Prisma } from "@/lib/generated/prisma/client";`,
    ],
    ["lib/http/cookies.ts", `await import("next/headers");`],
    ["app/account/page.tsx", `import { headers } from "next/headers";`],
  ])("load on first use only: allow %s importing %s", (file, source) => {
    expect(firstUseViolations(file, source)).toEqual([]);
  });

  it.each([
    ["lib/account.ts", `import { x } from "@/test/support/db";`],
    [
      "app/api/login/route.ts",
      `import { BENCH } from "../../../bench/config";`,
    ],
    ["lib/phone.ts", `export { a } from "@/e2e/support/journeys";`],
    ["lib/audit.ts", `const m = await import("@/bench/seed");`],
    ["lib/challenge/send.ts", `import { Field } from "../../app/ui/field";`],
    ["lib/env.ts", `import type { Props } from "@/app/layout";`],
    ["lib/messaging/outbox.ts", `import { Client } from "plivo";`],
    ["app/api/voice/answer/route.ts", `const p = require("plivo");`],
    ["lib/limits/upstash.ts", `import { Redis } from "@upstash/redis";`],
    ["lib/store/index.ts", `await import("@upstash/redis/nodejs");`],
    ["lib/mail/index.ts", `import nodemailer from "nodemailer";`],
    [
      "app/api/account/password/route.ts",
      `import { checkAccountChanges } from "@/lib/limits/decide";`,
    ],
    [
      "app/api/login/route.ts",
      `import { notifyAccount } from "@/lib/notices/notify";`,
    ],
    [
      "app/api/account/email/route.ts",
      `import { getSessionUser } from "@/lib/auth/session";`,
    ],
    [
      "app/api/account/sessions/sign-out/route.ts",
      `import { readSessionFacts } from "@/lib/auth/sign-in-time";`,
    ],
    [
      "app/api/otp/verify/route.ts",
      `import { isLockout } from "../../../../lib/limits";`,
    ],
    ["lib/steps/sign-in.ts", `import { requestFacts } from "@/lib/http";`],
    [
      "lib/notices/notify.ts",
      `import type { RequestFacts } from "@/lib/http/request-facts";`,
    ],
    ["lib/challenge/view.ts", `import { ok } from "../http/reply";`],
    [
      "lib/security-changes/apply.ts",
      `import { POST } from "@/app/api/login/route";`,
    ],
  ])("are broken by %s importing %s", (file, source) => {
    expect(importViolations(file, source)).toHaveLength(1);
  });

  it.each([
    ["lib/messaging/plivo.ts", `import { Client } from "plivo";`],
    ["lib/redis/client.ts", `import { Redis } from "@upstash/redis";`],
    ["lib/mail/smtp.ts", `import nodemailer from "nodemailer";`],
    [
      "lib/limits/login-upstash.ts",
      `import { Ratelimit } from "@upstash/ratelimit";`,
    ],
    ["app/login/page.tsx", `import { Field } from "@/app/ui/field";`],
    [
      "app/api/otp/send/route.ts",
      `import { sendCode } from "@/lib/challenge/send";`,
    ],
    ["lib/challenge/send.ts", `import { policy } from "./policy";`],
    [
      "app/api/account/password/route.ts",
      `import { signedInRoute } from "@/lib/http";`,
    ],
    [
      "app/api/account/password/route.ts",
      `import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";`,
    ],
    [
      "lib/http/routes.ts",
      `import { checkAccountChanges } from "@/lib/limits/decide";`,
    ],
    ["lib/auth/options.ts", `import { x } from "@/lib/http/request-facts";`],
    [
      "app/api/otp/remember-browser.ts",
      `import { setDeviceCookie } from "@/lib/http/device-cookie";`,
    ],
  ])("allow %s importing %s", (file, source) => {
    expect(importViolations(file, source)).toEqual([]);
  });

  it("leave tests and the harness free", () => {
    expect(isProductFile("lib/messaging/plivo-signature.test.ts")).toBe(false);
    expect(isProductFile("test/support/db.ts")).toBe(false);
    expect(isProductFile("bench/app/api/bench/floor/route.ts")).toBe(false);
    expect(isProductFile("lib/generated/prisma/client.ts")).toBe(false);
    expect(isProductFile("lib/account.ts")).toBe(true);
  });

  it("keep the benchmark's own routes out of the product's app tree", async () => {
    const benchOnly = (await filesUnder("app")).filter((f) =>
      f.split("/").includes("bench"),
    );
    expect(benchOnly).toEqual([]);
  });

  it("let client components load only the lib modules safe in a browser", async () => {
    const files = await productSources();
    expect([...files.values()].filter(isClientEntry).length).toBeGreaterThan(
      20,
    );
    expect(clientImportViolations(files)).toEqual([]);
  });
});

describe("an API route's cold start", () => {
  it("loads no React, so no route handler loads Next's page renderer", async () => {
    const files = await productSources();
    expect(coldRouteViolations(files)).toEqual([]);
  });

  it("is found loading React through a module it imports", () => {
    const files = new Map(
      Object.entries({
        "app/api/x/route.ts": `import { say } from "@/lib/x";`,
        "lib/x.ts": `import { createTranslator } from "use-intl/core";`,
      }),
    );
    expect(coldRouteViolations(files)).toEqual([
      "app/api/x/route.ts loads use-intl on its cold start (through lib/x.ts)",
    ]);
  });

  it("is found loading Next's navigation, which brings React", () => {
    const files = new Map(
      Object.entries({
        "app/api/x/route.ts": `import { redirect } from "next/navigation";\nimport { NextResponse } from "next/server";`,
      }),
    );
    expect(coldRouteViolations(files)).toEqual([
      "app/api/x/route.ts loads next/navigation on its cold start (through app/api/x/route.ts)",
    ]);
  });

  it("is not found loading what a route only import()s", () => {
    const files = new Map(
      Object.entries({
        "app/api/x/route.ts": `const load = () => import("@/lib/x");`,
        "lib/x.ts": `import { createTranslator } from "use-intl/core";`,
      }),
    );
    expect(coldRouteViolations(files)).toEqual([]);
  });

  it("of a code's verify, send, status and page loads no phone-number metadata, which only routes taking a number need", async () => {
    const files = await productSources();
    const verify = coldPackages(files, "app/api/otp/verify/route.ts");
    expect(verify.has("zod")).toBe(true);
    for (const entry of [
      "app/api/otp/verify/route.ts",
      "app/api/otp/send/route.ts",
      "app/api/otp/status/route.ts",
      "app/verify/page.tsx",
    ])
      expect(coldPackages(files, entry).has("libphonenumber-js")).toBe(false);
    const signUp = coldPackages(files, "app/api/signup/route.ts");
    expect(signUp.has("libphonenumber-js")).toBe(true);
  });
});

describe("the client import rule", () => {
  const SAFE = Object.fromEntries(
    Object.keys(CLIENT_SAFE_LIB).map((f) => [f, "export const A = 1;"]),
  );
  const check = (files: Record<string, string>) =>
    clientImportViolations(new Map(Object.entries({ ...SAFE, ...files })));

  it("is broken by a client component loading a server module", () => {
    expect(
      check({
        "app/x/form.tsx": `"use client";\nimport { getSessionUser } from "@/lib/auth/session";`,
        "lib/auth/session.ts": `import "server-only";`,
      }),
    ).toHaveLength(1);
  });

  it("is broken by a server module reached through a file the client component loads", () => {
    expect(
      check({
        "app/x/form.tsx": `"use client";\nimport { helper } from "../ui/helper";`,
        "app/ui/helper.ts": `export { getDb } from "@/lib/db";`,
        "lib/db/index.ts": `import "server-only";`,
      }),
    ).toEqual([
      "app/ui/helper.ts loads lib/db/index.ts in the browser: client code may load only CLIENT_SAFE_LIB",
    ]);
  });

  it("is broken by an allowed module that becomes server-only", () => {
    expect(
      check({ "lib/errors.ts": `import "server-only";\nexport const E = 1;` }),
    ).toEqual(["lib/errors.ts is allowed in client code but is server-only"]);
  });

  it.each([
    `import type { Challenge } from "@/lib/store";`,
    `import { type Challenge } from "@/lib/store";`,
    `export type { Challenge } from "@/lib/store";`,
  ])("allows types from any module: %s", (line) => {
    expect(
      check({
        "app/x/form.tsx": `"use client";\n${line}`,
        "lib/store/index.ts": `import "server-only";`,
      }),
    ).toEqual([]);
  });

  it("leaves server components free to load server modules", () => {
    expect(
      check({
        "app/x/page.tsx": `import { getDb } from "@/lib/db";`,
        "lib/db/index.ts": `import "server-only";`,
      }),
    ).toEqual([]);
  });

  it("allows an allowlisted module from a client component", () => {
    expect(
      check({
        "app/x/form.tsx": `'use client';\nimport { ERRORS } from "@/lib/errors";`,
      }),
    ).toEqual([]);
  });
});
