import { expect, test } from "@playwright/test";
import {
  latestEmail,
  readEmailLink,
  withoutLockDownLink,
} from "./support/email";
import {
  enterCode,
  newPerson,
  outbox,
  readCode,
  signUp,
  submitPassword,
} from "./support/journey";

test("a person who forgot their password gets a link, proves their phone, sets a new one; every old session ends and the new password signs in", async ({
  page,
  browser,
}) => {
  const person = newPerson();
  await signUp(page, person); // this browser keeps a session from before the reset
  await page.goto(
    await readEmailLink(page.request, person.email, "/verify-email"),
  );
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();

  const context = await browser.newContext();
  const reset = await context.newPage();
  await reset.goto("/login");
  await reset.getByRole("link", { name: "Forgot password?" }).click();
  await expect(reset).toHaveURL(/\/forgot-password$/);
  await reset.getByLabel("Email").fill(person.email);
  await reset.getByRole("button", { name: "Send reset link" }).click();
  await expect(reset.getByRole("main").getByRole("status")).toContainText(
    "Check your email.",
  );

  const link = await readEmailLink(
    reset.request,
    person.email,
    "/reset-password",
    2,
  );
  await reset.goto(link);
  await reset.getByRole("button", { name: "Continue" }).click();
  await expect(reset).toHaveURL(/\/verify/);
  await enterCode(reset, await readCode(reset.request, person.phone, 2));
  await expect(reset).toHaveURL(/\/reset-password\/new$/);
  const newPassword = `${person.password}-renewed`;
  await reset.getByLabel("New password").fill(newPassword);
  await reset.getByRole("button", { name: "Set new password" }).click();
  await expect(reset).toHaveURL(/\/login\?reset=done$/);
  await expect(reset.getByRole("main").getByRole("status")).toContainText(
    "Your password was changed",
  );

  // Told by email and by text; neither carries a code, nor a link but the email's lock-down one.
  const notice = await latestEmail(reset.request, person.email);
  expect(notice?.subject).toBe("Your Twostep password was changed");
  expect(withoutLockDownLink(notice!.text)).not.toMatch(/https?:\/\//);
  const [sms] = await outbox(reset.request, person.phone);
  expect(sms!.text).toMatch(/password was just reset/);

  // The session from before the reset is over.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);

  // The old password no longer works; the new one does, with a code.
  await reset.getByLabel("Email").fill(person.email);
  await reset.getByLabel("Password").fill(person.password);
  await reset.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(reset.getByRole("main").getByRole("alert")).toContainText(
    "Email or password is incorrect.",
  );
  await submitPassword(reset, { ...person, password: newPassword });
  await enterCode(reset, await readCode(reset.request, person.phone, 4));
  await expect(reset).toHaveURL(/\/account$/);
  await context.close();
});

test("a reset link opened twice starts the code step only the first time", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await page.goto(
    await readEmailLink(page.request, person.email, "/verify-email"),
  );
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const link = await readEmailLink(
    page.request,
    person.email,
    "/reset-password",
    2,
  );
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify/);
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "This link has expired or was already used.",
  );
});
