import { expect, test } from "@playwright/test";
import { lookAt } from "./support/axe";
import { latestEmail } from "./support/email";
import {
  enterCode,
  expectOnAccountPage,
  newPerson,
  outbox,
  readCode,
  signUp,
  submitPassword,
} from "./support/journey";
import { E2E_CRON_SECRET } from "./support/servers";

// "Delete account" as a person meets it: the address typed to confirm, every session ended at once,
// told by email and text, and a sign-in during the grace period cancels it and says so. The erasure
// itself, at the end of the grace period, is proven with a clock in app/api/account/delete.test.ts;
// here the cron route that runs it refuses a caller without its secret and spares the account.

test("a person deletes their account, is signed out everywhere and told, then signing in cancels the deletion", async ({
  page,
  browser,
}) => {
  // Two browsers, two sign-ins and four axe runs: longer than one journey's default minute.
  test.slow();
  const person = newPerson();
  await signUp(page, person);
  const other = await (await browser.newContext()).newPage();
  await submitPassword(other, person);
  await enterCode(other, await readCode(other.request, person.phone, 2));
  await expect(other).toHaveURL(/\/account$/);

  await page.goto("/account#your-data");
  const panel = page.getByRole("region", { name: "Your data" });
  await panel.getByRole("button", { name: "Delete account" }).click();
  const confirm = panel.getByLabel("Type your email address to confirm");
  await confirm.fill("someone.else@example.com");
  await panel.getByRole("button", { name: "Delete account" }).click();
  await expect(
    panel.getByText("Type your email address exactly"),
  ).toBeVisible();
  await lookAt(page, "account-delete");

  await confirm.fill(person.email);
  await panel.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/goodbye$/);
  await expect(
    page.getByRole("heading", { name: "Your account will be deleted" }),
  ).toBeVisible();
  await lookAt(page, "goodbye");

  // Every session ended at once: this browser's and the other one's.
  for (const p of [page, other]) {
    await p.goto("/account");
    await expect(p).toHaveURL(/\/login/);
  }
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("your account will be deleted on");
  // Only a verified address is emailed; this one never was, so the text is the notice.
  expect((await latestEmail(page.request, person.email))?.subject).not.toBe(
    "Your Twostep account will be deleted",
  );

  // The cron route refuses without Vercel's bearer secret, and with it spares an account in grace.
  expect((await page.request.get("/api/cron/due")).status()).toBe(401);
  expect(
    (
      await page.request.get("/api/cron/due", {
        headers: { authorization: "Bearer not-the-secret" },
      })
    ).status(),
  ).toBe(401);
  const run = await page.request.get("/api/cron/due", {
    headers: { authorization: `Bearer ${E2E_CRON_SECRET}` },
  });
  expect(run.status()).toBe(200);

  // Signing in during the grace period keeps the account, and the page says so.
  const texts = (await outbox(page.request, person.phone)).length;
  await submitPassword(page, person);
  await enterCode(page, await readCode(page.request, person.phone, texts + 1));
  await expect(page).toHaveURL(/\/account$/);
  await expectOnAccountPage(page, async () => {
    await expect(
      page.getByText("Signing in cancelled the deletion of your account"),
    ).toBeVisible({ timeout: 1000 });
  });
  await expect(
    page.getByRole("cell", { name: /Account deletion cancelled/ }),
  ).toBeVisible();
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("cancelled the deletion");
});
