import { expect, test, type Page } from "@playwright/test";
import {
  appCode,
  signInByCode,
  outbox,
  registeredPerson,
  signOut,
  submitPassword,
  turnOnAuthenticatorApp,
  generateRecoveryCodes,
} from "./support/journey";

// "Don't accept text-message codes", as a person uses it: with an authenticator app and recovery
// codes they turn text codes off on the account page; their next sign-in asks for the app and
// offers no text and no call, so someone who took over their number gets nothing.

const SHOTS = process.env.E2E_SCREENSHOTS_DIR;

/** The sign-in methods section at a phone's and a desktop's width, light and dark. */
async function sectionShots(page: Page, name: string) {
  if (!SHOTS) return;
  const size = page.viewportSize();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [label, width] of [
      ["phone", 390],
      ["desktop", 1280],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page
        .locator("#sign-in-methods")
        .screenshot({ path: `${SHOTS}/${name}-${label}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (size) await page.setViewportSize(size);
}

test("a person with an app and recovery codes turns text codes off, and their next sign-in offers no text or call", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByCode(page, person);

  // With only the phone, the choice is explained, not offered.
  const choice = page.getByLabel("Don't accept text-message codes");
  await expect(page.getByText(/^Accepted\. Add a passkey/)).toBeVisible();
  await expect(choice).toHaveCount(0);

  const key = await turnOnAuthenticatorApp(page);
  await generateRecoveryCodes(page);
  await expect(page.getByText("10 of 10 recovery codes left.")).toBeVisible();

  await expect(choice).not.toBeChecked();
  const saved = page.waitForResponse("**/api/account/text-codes");
  await choice.check();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText(/never a code by text or call/)).toBeVisible();
  await page.reload();
  await expect(choice).toBeChecked();
  await sectionShots(page, "no-text-codes-account");
  // The phone stays for notices: it is told.
  expect((await outbox(page.request, person.phone))[0]!.text).toContain(
    "no longer accepts codes by text or call",
  );
  await signOut(page);

  const before = (await outbox(page.request, person.phone)).length;
  await submitPassword(page, person);
  await expect(page.getByLabel("Authenticator code")).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Text me a code" }),
  ).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: "Call me instead" }),
  ).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: "Use a recovery code" }),
  ).toBeVisible();
  await page.getByLabel("Authenticator code").fill(appCode(key));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect(await outbox(page.request, person.phone)).toHaveLength(before);
  await context.close();
});
