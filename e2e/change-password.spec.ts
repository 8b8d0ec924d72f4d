import { expect, test } from "@playwright/test";
import {
  enterCode,
  newPerson,
  outbox,
  readCode,
  signOut,
  signUp,
  submitPassword,
} from "./support/journey";
import { screenshots } from "./support/screenshots";

// "Change password" as a person meets it: change it, sign out, and only the new one works.

test("a person changes the password on the account page; afterwards only the new one signs in", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);

  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password").fill("a fresh passphrase for 2026");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(
    page.getByText("Your current password is not right."),
  ).toBeVisible();
  await screenshots(page, "account-change-password");

  const changed = { ...person, password: "a fresh passphrase for 2026" };
  await page.getByLabel("Current password").fill(person.password);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("password of your account was changed");
  await signOut(page);

  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  const texts = (await outbox(page.request, person.phone)).length;
  await submitPassword(page, changed);
  await enterCode(page, await readCode(page.request, person.phone, texts + 1));
  await expect(page).toHaveURL(/\/account$/);
  await expect(
    page.getByRole("cell", { name: /Password changed/ }),
  ).toBeVisible();
});
