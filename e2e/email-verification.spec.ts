import { expect, test } from "@playwright/test";
import { readEmailLink } from "./support/email";
import { newPerson, signInByCode, signUp } from "./support/journey";
import { screenshots } from "./support/screenshots";

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

test("a link opened in a browser signed in to nothing asks to sign in first, then confirms there", async ({
  page,
  browser,
}) => {
  const person = newPerson();
  await signUp(page, person);
  const link = await readEmailLink(page.request, person.email, "/verify-email");

  // The next morning, on another device.
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(
    other.getByText(
      "This link works in a browser signed in to the account you created.",
    ),
  ).toBeVisible();
  await screenshots(other, "verify-email-sign-in-first");
  await expect(
    other.getByRole("button", { name: "Confirm email address" }),
  ).toHaveCount(0);
  await signInByCode(other, person);
  await other.goto(link);
  await other.getByRole("button", { name: "Confirm email address" }).click();
  await expect(
    other.getByText("Your email address is verified."),
  ).toBeVisible();
  await other.context().close();
});

test("someone whose address was used by a sign-up they did not make refuses it with “I didn't sign up”", async ({
  page,
  browser,
}) => {
  const owner = newPerson();
  // A stranger signs up with the owner's address and a phone of their own.
  const stranger = { ...newPerson(), email: owner.email };
  await signUp(page, stranger);

  const reader = await (await browser.newContext()).newPage();
  const refuse = await readEmailLink(
    reader.request,
    owner.email,
    "/verify-email/refuse",
  );
  await reader.goto(refuse);
  await expect(
    reader.getByRole("heading", { name: "I didn’t sign up" }),
  ).toBeVisible();
  await screenshots(reader, "verify-email-refuse");
  await reader.getByRole("button", { name: "Refuse this sign-up" }).click();
  await expect(
    reader.getByText(
      "The sign-up is refused and its account removed. Your address is free.",
    ),
  ).toBeVisible();
  await screenshots(reader, "verify-email-refused");
  await reader.context().close();

  // The stranger's session ended with their account.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});
