import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL, E2E_SERVERS } from "./support/servers";

// `npm start` (scripts/start.mjs, around `next start`) on the production build with an environment that cannot work: outside Vercel the
// process stops with the message; on Vercel it stays up, logs it, and answers errors.

const { port, url } = E2E_SERVERS.startup;
const BROKEN = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  MESSAGING: "outbox", // and no NEXTAUTH_SECRET, database, code store, https URL or outbox token
};

function startServer(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["scripts/start.mjs", "-H", "127.0.0.1", "-p", String(port)],
    { env: { NODE_ENV: "production", PATH: process.env.PATH, ...env } },
  );
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => resolve(code)),
  );
  return { child, exited, output: () => output };
}

test("npm start with an invalid environment stops with the problems and a non-zero exit", async () => {
  const server = startServer(BROKEN);
  const code = await Promise.race([
    server.exited,
    new Promise<"running">((r) => setTimeout(() => r("running"), 30_000)),
  ]);
  if (code === "running") server.child.kill();
  expect(code).toBe(1);
  const output = server.output();
  expect(output).toContain(
    "Twostep cannot start: the environment is not valid.",
  );
  for (const name of [
    "NEXTAUTH_SECRET",
    "OUTBOX_TOKEN",
    "DATABASE_URL",
    "UPSTASH_REDIS_REST_URL",
    "APP_URL",
  ])
    expect(output).toContain(`- ${name}`);
});

test("on Vercel the same environment is logged and every request answers 500", async ({
  request,
}) => {
  const server = startServer({ ...BROKEN, VERCEL: "1" });
  try {
    await expect
      .poll(() => server.output(), { timeout: 30_000 })
      .toContain("Twostep cannot start");
    await expect
      .poll(
        async () =>
          (await request.get(`${url}/api/health`).catch(() => null))?.status(),
        { timeout: 30_000 },
      )
      .toBe(500);
    expect((await request.get(`${url}/login`)).status()).toBe(500);
  } finally {
    server.child.kill();
    await server.exited;
  }
});

test("a production start without SMTP_URL says which email features are off, and the reset page says so too", async ({
  request,
}) => {
  const server = startServer({
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: E2E_DATABASE_URL,
    UPSTASH_REDIS_REST_URL: E2E_SERVERS.redis.url,
    UPSTASH_REDIS_REST_TOKEN: E2E_SERVERS.redis.token,
    NEXTAUTH_SECRET: "startup-secret-that-is-long-enough-0123456789",
    APP_URL: "https://twostep.example",
    TRUSTED_PROXY_HOPS: "1",
    MESSAGING: "plivo",
    PLIVO_AUTH_ID: "MASTARTUP00000000000",
    PLIVO_AUTH_TOKEN: "startup-plivo-auth-token",
    PLIVO_FROM_NUMBER: "+14155550100",
  });
  try {
    await expect
      .poll(() => server.output(), { timeout: 30_000 })
      .toContain("NO MAILER: SMTP_URL is not set");
    const output = server.output();
    for (const feature of [
      "email verification links",
      "password resets",
      "security notices by email",
    ])
      expect(output).toContain(feature);
    await expect
      .poll(
        async () =>
          (
            await request.get(`${url}/forgot-password`).catch(() => null)
          )?.status(),
        { timeout: 30_000 },
      )
      .toBe(200);
    const page = await (await request.get(`${url}/forgot-password`)).text();
    expect(page).toContain("Password resets by email are not available");
    expect(page).not.toContain("Send reset link");
  } finally {
    server.child.kill();
    await server.exited;
  }
});
