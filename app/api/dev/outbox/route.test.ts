import { afterEach, describe, expect, it, vi } from "vitest";

// The outbox contract in production: only the holder of OUTBOX_TOKEN reads codes, and the page
// that lists them is not served. Outside production both stay open.

const TOKEN = "an-outbox-token-of-at-least-32-characters";
const PRODUCTION = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(32),
  TWOSTEP_EMBEDDED: "1",
  MESSAGING: "outbox",
  OUTBOX_TOKEN: TOKEN,
  APP_URL: "http://127.0.0.1:3100",
};
const PHONE = "+14155550199";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function load(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const outbox = await import("@/lib/messaging/outbox");
  outbox.clearOutbox();
  outbox.addToOutbox({ channel: "sms", to: PHONE, text: "Your code is 1" });
  return {
    get: (await import("./route")).GET,
    page: (await import("@/app/dev/outbox/page")).default,
  };
}

const read = (authorization?: string) =>
  new Request(
    `http://127.0.0.1:3100/api/dev/outbox?to=${encodeURIComponent(PHONE)}`,
    {
      headers: authorization ? { authorization } : {},
    },
  );

/** What notFound() throws, as Next's router reads it. */
function statusOfThrow(render: () => unknown): string {
  try {
    render();
  } catch (error) {
    return String((error as { digest?: string }).digest ?? error);
  }
  return "rendered";
}

// First: React loads its JSX runtime for the NODE_ENV it first sees (production has no jsxDEV).
describe("the outbox outside production", () => {
  it("answers without a token and shows its page, as before", async () => {
    const { get, page } = await load({}); // vitest runs with NODE_ENV=test
    expect(get(read()).status).toBe(200);
    expect(statusOfThrow(page)).toBe("rendered");
  });
});

describe("GET /api/dev/outbox in production", () => {
  it("refuses a request without the token, or with a wrong one (401)", async () => {
    const { get } = await load(PRODUCTION);
    for (const header of [
      undefined,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Basic ${TOKEN}`,
      TOKEN,
      "Bearer ",
    ]) {
      const response = get(read(header));
      expect(response.status, String(header)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain("Your code");
    }
  });

  it("answers the holder of the token", async () => {
    const { get } = await load(PRODUCTION);
    const response = get(read(`Bearer ${TOKEN}`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      expect.objectContaining({ to: PHONE, text: "Your code is 1" }),
    ]);
  });

  it("does not serve the outbox page", async () => {
    const { page } = await load(PRODUCTION);
    expect(statusOfThrow(page)).toMatch(/404/);
  });
});
