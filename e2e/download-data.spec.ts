import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { lookAt } from "./support/axe";
import { newPerson, signUp } from "./support/journey";

// "Download your data" as a person meets it: one press on the account page saves a JSON file of
// everything held about them, with their address, phone and activity, and no password.

test("a person downloads their data from the account page as a JSON file", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await page.goto("/account#your-data");
  const panel = page.getByRole("region", { name: "Your data" });
  await expect(
    panel.getByRole("button", { name: "Download your data" }),
  ).toBeEnabled();
  await lookAt(page, "account-your-data");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download your data" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^twostep-data-\d{4}-\d\d-\d\d\.json$/,
  );
  const text = await readFile(await download.path(), "utf8");
  const data = JSON.parse(text);
  expect(data.format).toBe("twostep-export/1");
  expect(data.account.email).toBe(person.email.toLowerCase());
  expect(data.phones[0].number).toBe(person.phone);
  expect(data.sessions).toEqual([
    expect.objectContaining({ thisBrowser: true }),
  ]);
  expect(data.activity.map((e: { type: string }) => e.type)).toContain(
    "signup",
  );
  expect(text).not.toContain(person.password);
  await expect(panel.getByText("Your data was downloaded.")).toBeVisible();
});
