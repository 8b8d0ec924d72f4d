import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_SERVERS } from "./support/servers";

// `next start` on the production build with an environment that cannot work: outside Vercel the
// process stops with the message; on Vercel it stays up, logs it, and answers errors.

const { port, url } = E2E_SERVERS.startup;
const BROKEN = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  MESSAGING: "outbox", // and no NEXTAUTH_SECRET, database, code store, https URL or outbox token
};

function startServer(env: Record<string, string>) {
  const child = spawn(
    "node_modules/.bin/next",
    ["start", "-H", "127.0.0.1", "-p", String(port)],
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

test("next start with an invalid environment stops with the problems and a non-zero exit", async () => {
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
