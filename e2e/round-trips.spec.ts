import { expect, test, type Page, type Request } from "@playwright/test";
import {
  appCode,
  newPerson,
  readCode,
  registeredPerson,
  REMEMBER,
  signOut,
  signUp,
  submitPassword,
  turnOnAuthenticatorApp,
  generateRecoveryCodes,
} from "./support/journey";
import { addVirtualAuthenticator } from "./support/passkey";
import { E2E_SERVERS } from "./support/servers";

// From the press that completes the second factor to the account page, a person on a phone network
// waits once per sequential round trip. Three: the factor's own request, next-auth's credentials
// callback that makes the session, and the page. next-auth's CSRF token, and a passkey's request
// options, are fetched while the page waits for the person, never after the press.

const THREE_TRIPS = (first: string) => [
  first,
  "POST /api/auth/callback/twostep",
  "GET /account",
];

/** The requests a press sets off until the account page has loaded: data and documents only. */
async function tripsToAccount(page: Page, press: () => Promise<void>) {
  const trips: string[] = [];
  const record = (r: Request) => {
    if (["fetch", "xhr", "document"].includes(r.resourceType()))
      trips.push(`${r.method()} ${new URL(r.url()).pathname}`);
  };
  page.on("request", record);
  await press();
  await expect(page).toHaveURL(/\/account$/);
  await page.waitForLoadState("load");
  page.off("request", record);
  return trips.slice(0, trips.indexOf("GET /account") + 1);
}

/** Waits until the page has the answer from `path` in hand, as it has long before a person acts. */
async function fetched(page: Page, path: string) {
  await expect
    .poll(() =>
      page.evaluate(
        (path) =>
          performance
            .getEntriesByType("resource")
            .some(
              (e) =>
                new URL(e.name).pathname === path &&
                (e as PerformanceResourceTiming).responseEnd > 0,
            ),
        path,
      ),
    )
    .toBe(true);
}

/** next-auth's CSRF token, which the session's one round trip posts. */
const csrfFetched = (page: Page) => fetched(page, "/api/auth/csrf");

test("every second factor reaches the account page in three round trips after the press", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  const verify = () => page.getByRole("button", { name: "Verify" }).click();

  // A texted code.
  await submitPassword(page, person);
  await page
    .getByLabel("Verification code")
    .fill(await readCode(page.request, person.phone, 2));
  await csrfFetched(page);
  expect(await tripsToAccount(page, verify)).toEqual(
    THREE_TRIPS("POST /api/otp/verify"),
  );

  // With that fresh second factor: an authenticator app and recovery codes.
  const key = await turnOnAuthenticatorApp(page);
  const codes = await generateRecoveryCodes(page);
  await signOut(page);

  // The authenticator app, ticking "Remember this device".
  await submitPassword(page, person);
  await page.getByLabel("Authenticator code").fill(appCode(key));
  await page.getByRole("checkbox", { name: REMEMBER }).check();
  await csrfFetched(page);
  expect(await tripsToAccount(page, verify)).toEqual(
    THREE_TRIPS("POST /api/otp/verify"),
  );

  // The remembered browser: the password step is the first trip.
  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await csrfFetched(page);
  const signIn = () =>
    page.getByRole("button", { name: "Sign in", exact: true }).click();
  expect(await tripsToAccount(page, signIn)).toEqual(
    THREE_TRIPS("POST /api/login"),
  );
  await context.close();

  // A recovery code, from a browser that was never remembered.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await submitPassword(fresh, person);
  await fresh.getByRole("button", { name: "Use a recovery code" }).click();
  await fresh.getByLabel("Recovery code").fill(codes[0]!);
  await csrfFetched(fresh);
  const verifyRecovery = () =>
    fresh.getByRole("button", { name: "Verify" }).click();
  expect(await tripsToAccount(fresh, verifyRecovery)).toEqual(
    THREE_TRIPS("POST /api/otp/verify"),
  );
  await other.close();
});

test.describe("at localhost, where WebAuthn works", () => {
  test.use({ baseURL: E2E_SERVERS.passkey.url });

  test("a passkey reaches the account page in three round trips after the press", async ({
    page,
  }) => {
    const authenticator = await addVirtualAuthenticator(page);
    const person = newPerson();
    await signUp(page, person);
    await page.getByLabel("Passkey name").fill("Round-trip laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect(page.getByRole("list", { name: "Passkeys" })).toContainText(
      "Round-trip laptop",
    );
    await signOut(page);

    // Typed, not picked from the email field's passkey autofill (which signs in without a code step).
    await authenticator.withoutTouch(() => submitPassword(page, person));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Use your passkey",
    );
    await csrfFetched(page);
    await fetched(page, "/api/otp/passkey");
    const usePasskey = () =>
      page.getByRole("button", { name: "Use a passkey" }).click();
    expect(await tripsToAccount(page, usePasskey)).toEqual(
      THREE_TRIPS("POST /api/otp/passkey/verify"),
    );
  });
});
