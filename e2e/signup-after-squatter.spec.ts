import { expect, test } from "@playwright/test";
import { readEmailLink } from "./support/email";
import { expectOnAccountPage, newPerson, signUp } from "./support/journey";

test("the owner of an address signs up after a stranger who used it, confirms it and is in; the stranger is out", async ({
  page,
  browser,
}) => {
  const owner = newPerson();
  // A stranger signed up first with the owner's address and a phone of their own.
  const strangerPage = await (await browser.newContext()).newPage();
  await signUp(strangerPage, { ...newPerson(), email: owner.email });

  // The owner signs up as anyone would: nothing tells them, or the stranger, who came first.
  await signUp(page, owner);
  await expect(page.getByText("Unverified", { exact: true })).toBeVisible();
  const link = await readEmailLink(
    page.request,
    owner.email,
    "/verify-email",
    2,
  );
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expectOnAccountPage(page, async () => {
    await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  });

  // The stranger's account went with its sessions.
  await strangerPage.goto("/account");
  await expect(strangerPage).toHaveURL(/\/login/);
  await strangerPage.context().close();
});
