import { expect, test } from "@playwright/test";
import {
  newPerson,
  readCode,
  REMEMBER,
  signOut,
  signUp,
  submitPassword,
  submitPasswordOnly,
} from "./support/journey";
import { holdScripts } from "./support/slow-scripts";

// Everything below happens while the page's scripts are still on their way: what was typed,
// ticked or pressed then must count once they arrive.

test("on a slow connection, the code typed and the box ticked early are the ones sent, and Sign out pressed early signs out", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await signOut(page);
  await submitPassword(page, person);
  const code = await readCode(page.request, person.phone, 2);

  let letScriptsIn = await holdScripts(page);
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.getByLabel("Verification code").fill(code);
  await page.getByLabel(REMEMBER).check();
  await letScriptsIn();
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);

  letScriptsIn = await holdScripts(page);
  await page.reload({ waitUntil: "domcontentloaded" });
  const signOutButton = page
    .getByRole("button", { name: "Sign out", exact: true })
    .first();
  await expect(signOutButton).toBeVisible();
  // A click now would be lost: the button says it cannot be pressed yet.
  await expect(signOutButton).toBeDisabled();
  const signingOut = signOut(page);
  await page.waitForTimeout(500);
  await letScriptsIn();
  await signingOut;

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
