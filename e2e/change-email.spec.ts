import { expect, test } from "@playwright/test";
import { latestEmail, readEmailLink } from "./support/email";
import { expectOnAccountPage, newPerson, signUp } from "./support/journey";
import { screenshots } from "./support/screenshots";

// "Change email" as a person meets it: ask on the account page, open the link that reached the
// new address, and find the new address verified; the old address is told.

test("a person changes their email address with a link sent to the new one; the old one is told", async ({
  page,
}) => {
  const person = newPerson();
  const oldEmail = person.email.toLowerCase();
  const newEmail = `changed.${oldEmail}`;
  await signUp(page, person);

  await page.getByRole("button", { name: "Change email" }).click();
  await page.getByLabel("New email").fill(newEmail);
  await screenshots(page, "account-change-email-form");
  await page.getByRole("button", { name: "Send link" }).click();
  await expect(
    page.getByText(`We sent a link to ${newEmail}.`, { exact: false }),
  ).toBeVisible();
  // Until the link is used the account keeps its address, and says what is pending.
  await page.reload();
  await expect(page.getByText(/A change to .* is pending/)).toContainText(
    newEmail,
  );
  const signedInAs = page.getByRole("definition").first();
  await expect(signedInAs).toContainText(oldEmail);
  await screenshots(page, "account-change-email-pending");

  const link = await readEmailLink(
    page.request,
    newEmail,
    "/verify-email/change",
  );
  await page.goto(link);
  await screenshots(page, "confirm-email-change");
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(
    page.getByText("Your email address is changed and verified."),
  ).toBeVisible();

  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(signedInAs).toContainText(newEmail);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  await expect(page.getByText(/is pending/)).toHaveCount(0);
  // The home page names the new address too, without signing in again.
  await page.goto("/");
  await expect(page.getByText("Signed in as")).toContainText(newEmail);
  await page.goto("/account");
  await expectOnAccountPage(page, async () => {
    await expect(
      page.getByRole("cell", { name: /Email address changed/ }),
    ).toBeVisible();
  });

  await expect
    .poll(async () => (await latestEmail(page.request, oldEmail))?.subject)
    .toBe("The email address of your Twostep account was changed");
  const notice = await latestEmail(page.request, oldEmail);
  expect(notice!.text).not.toMatch(/https?:\/\//);

  // The link worked once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "This link has expired or was already used.",
  );
});
