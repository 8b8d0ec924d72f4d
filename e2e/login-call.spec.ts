import { expect, test } from "@playwright/test";
import {
  enterCode,
  readCode,
  registeredPerson,
  submitPassword,
} from "./support/journey";

test("a person signs in with a code read to them by a phone call", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);

  const page = await (await browser.newContext()).newPage();
  await submitPassword(page, person);
  await page.getByRole("button", { name: "Call me instead" }).click();
  // The code step also holds the recovery panel's own live region: the one that says something.
  await expect(
    page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ }),
  ).toContainText("We are calling");
  const code = await readCode(page.request, person.phone, 3, "voice");
  await enterCode(page, code);
  await expect(page).toHaveURL(/\/account$/);
});
