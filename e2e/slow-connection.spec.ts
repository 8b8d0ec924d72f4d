import { expect, test } from "@playwright/test";
import {
  headerSignOut,
  newPerson,
  readCode,
  registeredPerson,
  REMEMBER,
  signOut,
  submitPassword,
  submitPasswordOnly,
} from "./support/journey";
import { holdScripts } from "./support/slow-scripts";

// A page shows before its scripts arrive. What was typed or ticked meanwhile must count once
// they do, and no button may look as if it worked when it did nothing.

test("on a slow connection, the code typed and the box ticked early are kept, and Sign out cannot be pressed until it works", async ({
  page,
  browser,
}) => {
  const person = await registeredPerson(browser);
  await submitPassword(page, person);
  const code = await readCode(page.request, person.phone, 2);

  let letScriptsIn = await holdScripts(page);
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.getByLabel("Verification code").fill(code);
  await page.getByLabel(REMEMBER).check();
  await letScriptsIn();
  const verify = page.getByRole("button", { name: "Verify" });
  await expect(verify).toBeEnabled();
  await expect(page.getByLabel("Verification code")).toHaveValue(code);
  await expect(page.getByLabel(REMEMBER)).toBeChecked();
  await verify.click();
  await expect(page).toHaveURL(/\/account$/);

  letScriptsIn = await holdScripts(page);
  await page.reload({ waitUntil: "domcontentloaded" });
  const signOutButton = headerSignOut(page);
  await expect(signOutButton).toBeVisible();
  // Its handler has not arrived: rather than take a press and do nothing, it cannot be pressed.
  await expect(signOutButton).toBeDisabled();
  await letScriptsIn();
  await expect(signOutButton).toBeEnabled();
  await signOut(page);

  // The box ticked before the script ran remembered this browser.
  await submitPasswordOnly(page, person);
});

test("on a slow connection, an address typed early on the forgot-password page is the one used", async ({
  page,
}) => {
  const person = newPerson();
  const letScriptsIn = await holdScripts(page);
  await page.goto("/forgot-password", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Email").fill(person.email);
  await letScriptsIn();
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    `uses ${person.email}`,
  );
});
