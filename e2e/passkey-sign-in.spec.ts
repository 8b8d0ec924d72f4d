import { expect, test } from "@playwright/test";
import { addVirtualAuthenticator } from "./support/passkey";
import {
  expectOnAccountPage,
  generateRecoveryCodes,
  headerSignOut,
  newPerson,
  outbox,
  signOut,
  signUp,
} from "./support/journey";
import { lookAt } from "./support/axe";
import { E2E_SERVERS } from "./support/servers";

// "Sign in with a passkey": a passkey alone, through Chromium's virtual authenticator (the
// DevTools protocol's WebAuthn domain; user verification passes), served at localhost.
test.use({ baseURL: E2E_SERVERS.passkey.url });

test("a person signs in with a passkey alone, by the button or from the email field's autofill, and may change their factors at once", async ({
  page,
}) => {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const person = newPerson();
  await signUp(page, person);
  await page.getByLabel("Passkey name").fill("Test laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("list", { name: "Passkeys" })).toContainText(
    "Test laptop",
  );
  // Created discoverable: the authenticator keeps it, so it can name the account by itself.
  const { credentials } = await cdp.send("WebAuthn.getCredentials", {
    authenticatorId,
  });
  expect(credentials).toHaveLength(1);
  const credential = credentials[0]!;
  expect(credential.isResidentCredential).toBe(true);
  // Held back while the sign-in page opens, so its autofill request finds nothing to offer.
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  await signOut(page);

  await expect(page.getByLabel("Email")).toHaveAttribute(
    "autocomplete",
    "username webauthn",
  );
  const button = page.getByRole("button", { name: "Sign in with a passkey" });
  await expect(button).toBeEnabled();
  await lookAt(page, "login-passkey");
  await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
  const texts = (await outbox(page.request, person.phone)).length;
  await button.click();
  await expect(page).toHaveURL(/\/account$/);
  // Nothing texted, no password typed; the activity says how.
  expect(await outbox(page.request, person.phone)).toHaveLength(texts);
  const alone = page.getByRole("cell", { name: /Passkey alone, no password/ });
  await expectOnAccountPage(page, () =>
    expect(alone).toHaveCount(1, { timeout: 1000 }),
  );
  // A fresh second factor: a change that asks for one goes through without "Sign in again".
  await generateRecoveryCodes(page);

  // Signed out, the sign-in page's email field offers the passkey; the virtual authenticator
  // answers that autofill request as a person picking the passkey from the list would.
  await headerSignOut(page).click();
  // Signed out first: the address bar still says /account until the sign-out has gone through,
  // and a reload (below) before the autofill's sign-in lands would start another.
  await page.waitForURL(/\/login/);
  await expect(page).toHaveURL(/\/account$/);
  // No code was texted for either sign-in: the one text since is the new recovery codes' notice.
  await expect
    .poll(async () => (await outbox(page.request, person.phone)).length)
    .toBe(texts + 1);
  await expectOnAccountPage(page, () =>
    expect(alone).toHaveCount(2, { timeout: 1000 }),
  );
});

test("a passkey this site does not know is refused, and the password still signs in", async ({
  page,
}) => {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const person = newPerson();
  await signUp(page, person);
  await page.getByLabel("Passkey name").fill("Lost phone");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("list", { name: "Passkeys" })).toContainText(
    "Lost phone",
  );
  // The device that held the passkey is gone: its authenticator offers nothing.
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Your passkey could not be checked.",
  );
  await lookAt(page, "login-passkey-failed");
  // Not locked out: the password and the phone remain.
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify/);
  await expect(
    page.getByRole("button", { name: "Text me a code" }),
  ).toBeVisible();
});
