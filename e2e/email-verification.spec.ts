import { expect, test } from "@playwright/test";
import { readEmailLink } from "./support/email";
import { newPerson, signUp } from "./support/journey";

test("a new person confirms their email address with the link the sign-up sent", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await expect(page.getByText("Unverified", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Resend verification email" }),
  ).toBeVisible();

  const link = await readEmailLink(page.request, person.email, "/verify-email");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();

  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Resend verification email" }),
  ).toHaveCount(0);

  // The link worked once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "This link has expired or was already used.",
  );
});

test("Resend verification email sends a new link that replaces the first", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  const first = await readEmailLink(
    page.request,
    person.email,
    "/verify-email",
  );
  await page.getByRole("button", { name: "Resend verification email" }).click();
  await expect(
    page.getByText("We sent a new link to your email address."),
  ).toBeVisible();
  const second = await readEmailLink(
    page.request,
    person.email,
    "/verify-email",
    2,
  );
  expect(second).not.toBe(first);
  await page.goto(second);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
});
