import { expect, test } from "@playwright/test";
import {
  enterCode,
  newPerson,
  readCode,
  registeredPerson,
  signUp,
  submitPassword,
} from "./support/journey";

test("a person signs in with their password and the code texted to their phone", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);

  const context = await browser.newContext();
  const page = await context.newPage();
  await submitPassword(page, person);
  // Between the password and the code there is no session: the account page is still closed.
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session).toEqual({});
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Enter your code",
  );
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(person.email.toLowerCase())).toBeVisible();
  await context.close();
});

test("a wrong password and an unknown email read the same", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await page.context().clearCookies();
  for (const email of [person.email, `nobody-${Date.now()}@example.com`]) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Email or password is incorrect.",
    );
  }
});
