import { expect, test } from "@playwright/test";
import {
  enterCode,
  expectOnAccountPage,
  outbox,
  readCode,
  registeredPerson,
  REMEMBER,
  signOut,
  submitPassword,
  submitPasswordOnly,
  appCode,
  signInByCode,
  turnOnAuthenticatorApp,
  generateRecoveryCodes,
} from "./support/journey";
import { screenshots } from "./support/screenshots";

// Remembered devices and the way back in after losing the phone, as a person meets them.

test("a remembered browser asks only for the password until it is forgotten on the account page", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();

  await submitPassword(page, person);
  const box = page.getByRole("checkbox", { name: REMEMBER });
  await expect(box).not.toBeChecked();
  await box.check();
  await screenshots(page, "verify-remember");
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);
  const devices = page.getByRole("region", { name: "Remembered devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  await expect(devices).toContainText("Chrome on Linux");
  await screenshots(page, "account-remembered-devices");
  await signOut(page);

  // The next sign-in from this browser: the password, then straight in; nothing is texted.
  const before = (await outbox(page.request, person.phone)).length;
  await submitPasswordOnly(page, person);
  expect(await outbox(page.request, person.phone)).toHaveLength(before);
  // The sign-in's audit row is written after the reply: the page may be drawn a moment before it.
  await expectOnAccountPage(page, () =>
    expect(
      page.getByRole("cell", { name: /Password on a remembered device/ }),
    ).toBeVisible({ timeout: 1_000 }),
  );

  // Another browser is not remembered.
  const other = await (await browser.newContext()).newPage();
  await submitPassword(other, person);
  await expect(other.getByLabel("Verification code")).toBeVisible();
  await other.context().close();

  await devices.getByRole("button", { name: "Forget" }).click();
  await expect(devices.getByRole("listitem")).toHaveCount(0);
  await expect(devices).toContainText("None.");
  await signOut(page);

  // Forgotten: the code is asked for again.
  await submitPassword(page, person);
  await expect(page.getByLabel("Verification code")).toBeVisible();
  await context.close();
});

test("on a remembered browser, generating recovery codes asks for a second factor first, and then works", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await submitPassword(page, person);
  await page.getByRole("checkbox", { name: REMEMBER }).check();
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);

  // The password alone on this browser: signed in, but not with a second factor.
  await submitPasswordOnly(page, person);
  await expect(
    page.getByText(/signed in with your password on a remembered device/),
  ).toBeVisible();
  await page.getByRole("button", { name: "Generate recovery codes" }).click();
  await expect(
    page.getByText(/sign in again, then make this change/),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(
    0,
  );
  await page.getByRole("button", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/login\?.*secondFactor=required/);
  await expect(
    page.getByText(/even if this device is remembered/),
  ).toBeVisible();

  // This time the remembered browser is asked for the code sent to the current phone.
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify/);
  await enterCode(page, await readCode(page.request, person.phone, 3));
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("button", { name: "Generate recovery codes" }).click();
  await expect(
    page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem"),
  ).toHaveCount(10);
  await context.close();
});

test("a person who lost their phone signs in with a recovery code and sets up an authenticator app", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByCode(page, person);
  const codes = await generateRecoveryCodes(page);
  await signOut(page);

  // The phone is gone: no text is read from here on.
  await submitPassword(page, person);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("9 of 10 recovery codes left.")).toBeVisible();

  // A new factor that does not depend on the phone.
  const key = await turnOnAuthenticatorApp(page);
  await signOut(page);

  await submitPassword(page, person);
  await page.getByLabel("Authenticator code").fill(appCode(key));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expectOnAccountPage(page, () =>
    expect(
      page.getByRole("cell", { name: /Password and authenticator app/ }),
    ).toBeVisible({ timeout: 1000 }),
  );
  await context.close();
});
