import { expect, test } from "@playwright/test";
import {
  enterCode,
  headerSignOut,
  newPerson,
  readCode,
  signUp,
  submitPassword,
  expectOnAccountPage,
} from "./support/journey";
import { screenshots } from "./support/screenshots";

// "Signed-in devices" as a person meets them: two browsers on one account, one ends the other.

test("a person sees both browsers in Signed-in devices and signs the other out everywhere else", async ({
  browser,
}) => {
  const person = newPerson();
  const first = await (await browser.newContext()).newPage();
  await signUp(first, person);

  const second = await (await browser.newContext()).newPage();
  await submitPassword(second, person);
  await enterCode(second, await readCode(second.request, person.phone, 2));
  await expect(second).toHaveURL(/\/account$/);

  await first.reload();
  const devices = first.getByRole("region", { name: "Signed-in devices" });
  const rows = devices.getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Chrome on Linux · this device");
  await expect(rows.nth(1)).not.toContainText("this device");
  // Each browser can be signed out from here: the other on its row, this one from the header.
  await expect(
    rows.nth(1).getByRole("button", { name: "Sign out", exact: true }),
  ).toHaveCount(1);
  await expect(
    rows.first().getByRole("button", { name: "Sign out", exact: true }),
  ).toHaveCount(0);
  await expect(headerSignOut(first)).toBeVisible();
  await screenshots(first, "account-signed-in-devices");

  await devices
    .getByRole("button", { name: "Sign out everywhere else" })
    .click();
  await expect(rows).toHaveCount(1);
  await expect(
    devices.getByRole("button", { name: "Sign out everywhere else" }),
  ).toHaveCount(0);

  await second.reload();
  await expect(second).toHaveURL(/\/login/);
  await expectOnAccountPage(first, () =>
    expect(
      first.getByRole("cell", { name: /Signed out everywhere else/ }),
    ).toBeVisible({ timeout: 1_000 }),
  );
});
