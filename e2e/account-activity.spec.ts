import { expect, test } from "@playwright/test";
import {
  enterCode,
  expectOnAccountPage,
  newPerson,
  readCode,
  signOut,
  signUp,
  submitPassword,
} from "./support/journey";

test("the account page lists the person's recent security events, newest first", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await signOut(page);
  await submitPassword(page, person);
  await expect(page.getByText("Text message:")).toBeVisible();
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);

  const activity = page.getByRole("region", {
    name: "Recent security activity",
  });
  const rows = activity.getByRole("row");
  // Header, then: signed in, code sent, signed out, signed in (new account), account created.
  await expectOnAccountPage(page, async () => {
    await expect(rows.nth(1)).toContainText("Signed in", { timeout: 1000 });
    await expect(rows.nth(1)).toContainText("Password and phone code");
  });
  await expect(rows.nth(2)).toContainText("Code sent");
  await expect(rows.nth(2)).toContainText("Text message");
  await expect(rows.nth(3)).toContainText("Signed out");
  await expect(activity).toContainText("Account created");
  await expect(activity).not.toContainText(/\b\d{6}\b/);
});
