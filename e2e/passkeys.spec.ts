import { expect, test } from "@playwright/test";
import {
  expectOnAccountPage,
  newPerson,
  outbox,
  REMEMBER,
  signOut,
  signUp,
  submitPassword,
  submitPasswordOnly,
} from "./support/journey";
import { addVirtualAuthenticator } from "./support/passkey";
import { screenshots } from "./support/screenshots";
import { E2E_SERVERS } from "./support/servers";

// Passkeys in Chromium, with the DevTools protocol's virtual authenticator standing in for a
// fingerprint reader (user verification passes). Served at localhost: WebAuthn refuses an IP address.
test.use({ baseURL: E2E_SERVERS.passkey.url });

test("a person adds a passkey, signs in with it ticking the box, then needs only the password", async ({
  page,
}) => {
  const { withoutTouch: withPasswordTyped } =
    await addVirtualAuthenticator(page);
  const person = newPerson();
  await signUp(page, person);

  // Named after this device until the person renames it; nothing to type before adding.
  await expect(page.getByLabel("Passkey name")).toHaveValue("Chrome on Linux");
  const add = page.getByRole("button", { name: "Add a passkey" });
  await expect(add).toBeEnabled();
  await page.getByLabel("Passkey name").fill("Test laptop");
  await add.click();
  const list = page.getByRole("list", { name: "Passkeys" });
  await expect(list).toContainText("Test laptop");
  await expect(list).toContainText("never used");
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain('passkey named "Test laptop" was added');
  const texts = (await outbox(page.request, person.phone)).length;
  // Signed out onto pages whose email field offers the passkey: untouched from before they load.
  await withPasswordTyped(async () => {
    await signOut(page);
    await submitPassword(page, person);
  });
  // The passkey comes first; the other ways stay on offer and nothing is texted.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Use your passkey",
  );
  await expect(
    page.getByRole("button", { name: "Use authenticator app" }),
  ).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: "Text me a code" }),
  ).toBeVisible();
  // The box sits with the passkey as it does with a code.
  const box = page.getByRole("checkbox", { name: REMEMBER });
  await expect(box).not.toBeChecked();
  await box.check();
  await screenshots(page, "verify-passkey-remember");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect(await outbox(page.request, person.phone)).toHaveLength(texts);
  await expect(list).toContainText("last used");
  const devices = page.getByRole("region", { name: "Remembered devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  await signOut(page);

  // The next sign-in from this browser: the password, then straight in; no passkey, no text.
  await withPasswordTyped(() => submitPasswordOnly(page, person));
  expect(await outbox(page.request, person.phone)).toHaveLength(texts);
  await expectOnAccountPage(page, () =>
    expect(
      page.getByRole("cell", { name: /Password on a remembered device/ }),
    ).toBeVisible({ timeout: 1000 }),
  );

  // A remembered browser skipped the second factor, so removing the passkey asks for one: "Sign in
  // again" asks for the passkey even on this browser, then the removal goes through, the text says
  // so, and every remembered browser is forgotten with it.
  await expect(
    page.getByText(/signed in with your password on a remembered device/),
  ).toBeVisible();
  const remove = page.getByRole("button", {
    name: "Remove passkey Test laptop",
  });
  await remove.click();
  await withPasswordTyped(async () => {
    await page.getByRole("button", { name: "Sign in again" }).click();
    await expect(page).toHaveURL(/\/login\?.*secondFactor=required/);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Use your passkey",
    );
  });
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect(await outbox(page.request, person.phone)).toHaveLength(texts);
  await remove.click();
  await expect(page.getByRole("list", { name: "Passkeys" })).toHaveCount(0);
  await expect(devices).toContainText("None.");
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain('passkey named "Test laptop" was removed');
});
