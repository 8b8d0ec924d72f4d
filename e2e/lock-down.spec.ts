import { expect, test, type Page } from "@playwright/test";
import { lookAt } from "./support/axe";
import { latestEmail, readEmailLink } from "./support/email";
import {
  enterCode,
  generateRecoveryCodes,
  newPerson,
  outbox,
  readCode,
  signUp,
  submitPassword,
  type Person,
} from "./support/journey";

// "This wasn't me" as a person meets it: a notice's link locks the account down from another
// device, once, and signs no one in; every session ends; the password alone no longer signs in,
// and a reset (link and code) opens the account again. Then the same from the account page.

const LOCKED_DOWN =
  "This account was locked down. Choose “Forgot password?” to set a new password before you sign in.";

async function verifyEmail(page: Page, person: Person) {
  await page.goto(
    await readEmailLink(page.request, person.email, "/verify-email"),
  );
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
}

/** Texts to the phone so far: the next code is the one after them. */
const textsTo = async (page: Page, person: Person) =>
  (await outbox(page.request, person.phone)).length;

test("a notice's \"This wasn't me\" link locks the account down once, signs no one in, and a reset opens it again", async ({
  page,
  browser,
}) => {
  // Two browsers, a lock-down, a reset and four axe runs: longer than one journey's default minute.
  test.slow();
  const person = newPerson();
  await signUp(page, person);
  await verifyEmail(page, person);
  await page.goto("/account");
  await generateRecoveryCodes(page);
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("This wasn't me");
  const link = await readEmailLink(page.request, person.email, "/lock-down", 2);

  // The owner reads the email on another device.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(link);
  await expect(
    phone.getByRole("heading", { name: "This wasn't me" }),
  ).toBeVisible();
  await expect(
    phone.getByRole("button", { name: "Confirm: lock my account" }),
  ).toBeEnabled();
  await lookAt(phone, "lock-down-link");
  await phone.getByRole("button", { name: "Confirm: lock my account" }).click();
  await expect(phone.getByRole("status")).toContainText(
    "Your account is locked down",
  );
  await lookAt(phone, "lock-down-link-done");

  // It signed no one in, and every session ended.
  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/login/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);

  // It works once.
  await phone.goto("about:blank");
  await phone.goto(link);
  await phone.getByRole("button", { name: "Confirm: lock my account" }).click();
  await expect(phone.getByRole("alert").first()).toContainText(
    "This link has expired or was already used.",
  );

  // The notice arrives by text and email, then the password alone is refused.
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("locked down");
  await expect
    .poll(async () => (await latestEmail(page.request, person.email))?.subject)
    .toBe("Your Twostep account was locked down");
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(LOCKED_DOWN)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  // A reset: a link to the address and the phone's code, then the new password signs in.
  const emailsBefore = (await outbox(page.request, person.email.toLowerCase()))
    .length;
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // The sign-in page has an Email field too: type only once the reset page is there.
  await expect(page).toHaveURL(/\/forgot-password/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const reset = await readEmailLink(
    page.request,
    person.email,
    "/reset-password",
    emailsBefore + 1,
  );
  await page.goto(reset);
  const texts = await textsTo(page, person);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify/);
  await enterCode(page, await readCode(page.request, person.phone, texts + 1));
  await expect(page).toHaveURL(/\/reset-password\/new$/);
  const renewed = { ...person, password: `${person.password}-renewed` };
  await page.getByLabel("New password").fill(renewed.password);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    "Your password was changed",
  );
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("password was just reset");
  const before = await textsTo(page, person);
  await submitPassword(page, renewed);
  await enterCode(page, await readCode(page.request, person.phone, before + 1));
  await expect(page).toHaveURL(/\/account$/);
});

test('"This wasn\'t me" beside an event on the account page locks the account down and signs this browser out', async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await verifyEmail(page, person);
  await page.goto("/account");
  const activity = page.getByRole("region", {
    name: "Recent security activity",
  });
  const firstRow = activity.getByRole("row").nth(1);
  await firstRow.getByRole("button", { name: "This wasn't me" }).click();
  const confirm = page.getByRole("region", {
    name: "Lock your account down?",
  });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("You chose “This wasn't me” for");
  await lookAt(page, "lock-down-account");

  await confirm.getByRole("button", { name: "Keep it as it is" }).click();
  await expect(confirm).toBeHidden();
  await firstRow.getByRole("button", { name: "This wasn't me" }).click();
  await confirm.getByRole("button", { name: "Lock my account" }).click();
  await expect(page).toHaveURL(/\/lock-down\/done$/);
  await expect(
    page.getByRole("heading", { name: "Your account is locked down" }),
  ).toBeVisible();
  await lookAt(page, "lock-down-done");

  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(LOCKED_DOWN)).toBeVisible();
});
