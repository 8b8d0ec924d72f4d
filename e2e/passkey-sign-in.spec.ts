import { expect, test, type Page } from "@playwright/test";
import {
  expectOnAccountPage,
  generateRecoveryCodes,
  newPerson,
  outbox,
  signOut,
  signUp,
} from "./support/journey";
import { screenshots } from "./support/screenshots";
import { E2E_SERVERS } from "./support/servers";

// "Sign in with a passkey": a passkey alone, through Chromium's virtual authenticator (the
// DevTools protocol's WebAuthn domain; user verification passes), served at localhost.
test.use({ baseURL: E2E_SERVERS.passkey.url });

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send(
    "WebAuthn.addVirtualAuthenticator",
    {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    },
  );
  return { cdp, authenticatorId };
}

test("a person signs in with a passkey alone, no password, and may change their factors at once", async ({
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
  expect(credentials[0]!.isResidentCredential).toBe(true);
  await signOut(page);

  await page.goto("/login");
  // The email field offers the passkey in its autofill list (conditional mediation).
  await expect(page.getByLabel("Email")).toHaveAttribute(
    "autocomplete",
    "username webauthn",
  );
  const button = page.getByRole("button", { name: "Sign in with a passkey" });
  await expect(button).toBeEnabled();
  await screenshots(page, "login-passkey");
  const texts = (await outbox(page.request, person.phone)).length;
  await button.click();
  await expect(page).toHaveURL(/\/account$/);
  // Nothing texted, no password typed; the activity says how.
  expect(await outbox(page.request, person.phone)).toHaveLength(texts);
  await expectOnAccountPage(page, () =>
    expect(
      page.getByRole("cell", { name: /Passkey alone, no password/ }),
    ).toBeVisible({ timeout: 1000 }),
  );
  // A fresh second factor: a change that asks for one goes through without "Sign in again".
  await generateRecoveryCodes(page);
  await screenshots(page, "account-after-passkey-sign-in");
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
  await signOut(page);
  // The device that held the passkey is gone: its authenticator offers nothing.
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Your passkey could not be checked.",
  );
  await screenshots(page, "login-passkey-failed");
  // Not locked out: the password and the phone remain.
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify/);
  await expect(
    page.getByRole("button", { name: "Text me a code" }),
  ).toBeVisible();
});
