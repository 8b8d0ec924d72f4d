import { expect, test } from "@playwright/test";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import {
  newPerson,
  newPhone,
  outbox,
  OUTBOX_AUTH,
  signUp,
} from "./support/journey";

test("the home page renders with its way in", async ({ page }) => {
  await page.goto("/");
  await expect(
    page.getByRole("heading", { name: "Welcome to Twostep" }),
  ).toBeVisible();
  await expect(
    page.getByRole("main").getByRole("link", { name: "Create account" }),
  ).toBeVisible();
});

test("health reports every part reachable, naming none of them", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("the outbox contract lists a number's messages newest first, only for the token's holder", async ({
  page,
  request,
}) => {
  const phone = newPhone();
  const query = `/api/dev/outbox?to=${encodeURIComponent(phone)}`;
  expect(await outbox(request, phone)).toEqual([]);
  // A client of the API proves its work as the sign-up form does (lib/proof-of-work).
  const { challenge } = await (
    await request.post("/api/proof-of-work", { data: { purpose: "signup" } })
  ).json();
  const solution = await solveChallenge({ challenge, deriveKey });
  const proof = Buffer.from(JSON.stringify({ challenge, solution })).toString(
    "base64",
  );
  const signedUp = await request.post("/api/signup", {
    data: {
      email: `outbox-${Date.now()}@example.com`,
      password: "long-enough-password",
      phone,
      proof,
    },
  });
  expect(signedUp.status()).toBe(200);
  expect(await outbox(request, phone)).toEqual([
    {
      channel: "sms",
      to: phone,
      text: expect.stringMatching(/^Your Twostep code is \d{6}\./),
      createdAt: expect.any(String),
    },
  ]);
  // A production build: no token, a wrong one, and the page all give nothing away.
  expect((await request.get(query)).status()).toBe(401);
  const wrong = await request.get(query, {
    headers: { authorization: `${OUTBOX_AUTH.authorization}x` },
  });
  expect(wrong.status()).toBe(401);
  expect((await page.goto("/dev/outbox"))?.status()).toBe(404);
});

test("security headers are set on pages", async ({ request }) => {
  const response = await request.get("/login");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  expect(response.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'",
  );
  expect(response.headers()["content-security-policy"]).not.toContain(
    "unsafe-eval",
  );
  expect(response.headers()["strict-transport-security"]).toBe(
    "max-age=63072000; includeSubDomains",
  );
  // API routes pass by the page proxy untouched, with a policy that lets nothing load.
  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toContain(
    "default-src 'none'",
  );
  expect(api.headers()["content-security-policy"]).not.toContain("nonce-");
});

/** The values of one directive of a Content-Security-Policy header. */
function directive(policy: string | undefined, name: string): string[] {
  const found = (policy ?? "")
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found?.slice(1) ?? [];
}

test("build files and router prefetches may not be framed either", async ({
  page,
  request,
}) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto("/");
  const chunk = scripts.find((url) => url.includes("/_next/static/"));
  expect(chunk).toBeTruthy();
  const asset = await request.get(chunk!);
  expect(asset.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'",
  );
  const prefetch = await request.get("/login", {
    headers: { "next-router-prefetch": "1", rsc: "1" },
  });
  expect(prefetch.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'",
  );
});

test("pages allow only scripts carrying a fresh nonce: no inline script, no <base>", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/login", "/signup", "/verify", "/no-such-page"]) {
    const response = await request.get(path);
    const policy = response.headers()["content-security-policy"];
    const scripts = directive(policy, "script-src");
    const nonce = scripts
      .find((v) => v.startsWith("'nonce-"))
      ?.slice("'nonce-".length, -1);
    expect(nonce, `${path}: ${policy}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(directive(policy, "base-uri")).toEqual(["'none'"]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "form-action")).toEqual(["'self'"]);
    // Next put the nonce on every script of the page, or the page would not run.
    const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(5);
});

test("a whole sign-up runs under that policy with no violation reported", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  await page.exposeFunction("reportViolation", (text: string) =>
    violations.push(text),
  );
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, unknown>)
        .reportViolation as (text: string) => void;
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  // Only the page's own script shows this message; without it the form would post to the page.
  await page.goto("/login");
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Email or password is incorrect.",
  );
  // Sign-up, code page (streamed behind its loading state), session, account page.
  await signUp(page, newPerson());
  await expect(
    page.getByRole("heading", { name: "Recent security activity" }),
  ).toBeVisible();
  await page.goto("/no-such-page");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(violations).toEqual([]);
});

test("an unknown address answers 404 with the app's own page", async ({
  page,
}) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { name: "Page not found" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Twostep" })).toBeVisible();
});
