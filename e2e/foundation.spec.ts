import { expect, test } from "@playwright/test";
import { newPhone, outbox, OUTBOX_AUTH } from "./support/journey";

test("the home page renders with its way in", async ({ page }) => {
  await page.goto("/");
  await expect(
    page.getByRole("heading", { name: "Welcome to Twostep" }),
  ).toBeVisible();
  await expect(
    page.getByRole("main").getByRole("link", { name: "Create account" }),
  ).toBeVisible();
});

test("health reports every part reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    ok: true,
    db: { kind: "postgres", ok: true },
    store: { kind: "upstash", ok: true },
    messenger: { kind: "outbox", ok: true },
  });
});

test("the outbox contract lists a number's messages newest first, only for the token's holder", async ({
  page,
  request,
}) => {
  const phone = newPhone();
  const query = `/api/dev/outbox?to=${encodeURIComponent(phone)}`;
  expect(await outbox(request, phone)).toEqual([]);
  await request.post("/api/signup", {
    data: {
      email: `outbox-${Date.now()}@example.com`,
      password: "long-enough-password",
      phone,
    },
  });
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
  expect(response.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'",
  );
  expect(response.headers()["content-security-policy"]).not.toContain(
    "unsafe-eval",
  );
  expect(response.headers()["strict-transport-security"]).toBe(
    "max-age=63072000; includeSubDomains",
  );
});
