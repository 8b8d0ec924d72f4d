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

test("a session cookie copied before sign-out opens nothing afterwards", async ({
  page,
  browser,
}) => {
  const person = newPerson();
  await signUp(page, person);
  const copied = (await page.context().cookies()).filter((c) =>
    c.name.includes("next-auth.session-token"),
  );
  expect(copied).toHaveLength(1);

  // The copy works while the session lives: it opens the account in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/account");
  await expect(thiefPage).toHaveURL(/\/account$/);
  await expect(thiefPage.getByText(person.email.toLowerCase())).toBeVisible();

  await signOut(page);

  // Afterwards the same cookie, in a fresh browser, is sent to sign-in.
  const later = await browser.newContext();
  await later.addCookies(copied);
  const laterPage = await later.newPage();
  await laterPage.goto("/account");
  await expect(laterPage).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  const session = await later.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await Promise.all([thief.close(), later.close()]);
});
