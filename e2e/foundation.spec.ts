import { expect, test } from "@playwright/test";
import { newPhone } from "./support/journey";

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

test("the outbox contract lists a number's messages newest first, and its page shows them", async ({
  page,
  request,
}) => {
  const phone = newPhone();
  const empty = await request.get(
    `/api/dev/outbox?to=${encodeURIComponent(phone)}`,
  );
  expect(await empty.json()).toEqual([]);
  await request.post("/api/signup", {
    data: {
      email: `outbox-${Date.now()}@example.com`,
      password: "long-enough-password",
      phone,
    },
  });
  const entries = await (
    await request.get(`/api/dev/outbox?to=${encodeURIComponent(phone)}`)
  ).json();
  expect(entries).toEqual([
    {
      channel: "sms",
      to: phone,
      text: expect.stringMatching(/^Your Twostep code is \d{6}\./),
      createdAt: expect.any(String),
    },
  ]);
  await page.goto("/dev/outbox");
  await expect(page.getByText(`SMS to ${phone}`).first()).toBeVisible();
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
