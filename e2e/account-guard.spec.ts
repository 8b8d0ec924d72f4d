import { expect, test } from "@playwright/test";
import { E2E_SERVERS } from "./support/servers";
import {
  enterCode,
  newPerson,
  readCode,
  signOut,
  signUp,
} from "./support/journey";

test("a signed-out visit to /account goes to sign-in and returns there afterwards", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await signOut(page);

  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify\?callbackUrl=%2Faccount$/);
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);
});

test("a return address on another site is ignored", async ({ page }) => {
  const person = newPerson();
  await signUp(page, person);
  await signOut(page);
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(`${E2E_SERVERS.main.url}/account`);
});
