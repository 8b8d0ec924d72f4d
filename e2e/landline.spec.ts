import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { enterCode, readCode, skipWelcome } from "./support/journey";

test("a person with a landline gets their codes by phone call", async ({
  page,
}) => {
  const phone = `+44207183${String(randomInt(10_000)).padStart(4, "0")}`; // London, fixed line
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`landline-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Phone number").fill(phone);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/verify/);
  await expect(
    page.getByText(/We are calling \+44 ••• \d{4} to read you a 6-digit code/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Resend code" })).toHaveCount(
    0,
  );
  await readCode(page.request, phone, 1, "voice");

  // A second call waits out the resend cooldown (30 s), like a second text.
  const again = page.getByRole("button", { name: "Call me again" });
  await expect(again).toBeEnabled({ timeout: 35_000 });
  await again.click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "We are calling",
  );
  await enterCode(page, await readCode(page.request, phone, 2, "voice"));
  await skipWelcome(page);
});
