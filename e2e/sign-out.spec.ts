import { expect, test } from "@playwright/test";
import {
  enterCode,
  newPerson,
  readCode,
  signOut,
  signUp,
  submitPassword,
} from "./support/journey";

test("a person signs out, is locked out of their account, and signs back in", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await signOut(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  await submitPassword(page, person);
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(person.email.toLowerCase())).toBeVisible();
});
