import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { confirmAddress } from "./support/email";
import { addVirtualAuthenticator } from "./support/passkey";
import { expectNoSidewaysScroll, lookAt } from "./support/axe";
import { LOCALES } from "../lib/i18n/locales";
import {
  enterCode,
  expectOnAccountPage,
  newPerson,
  outbox,
  readCode,
  signOut,
  signUp,
  submitPassword,
  type Person,
} from "./support/journey";
import { E2E_DATABASE_URL, E2E_SERVERS } from "./support/servers";

// An operator of the console: granted the role by the command line, refused until they sign in
// with their passkey, then they find a person locked out by wrong codes and unlock them with a
// reason; the person signs in and sees it in their own activity. Served at localhost (passkeys).
test.use({ baseURL: E2E_SERVERS.passkey.url });

const run = promisify(execFile);

/** `npm run admin:grant -- <email>`, against the database the servers use. */
async function grantAdmin(email: string) {
  const { stdout } = await run(
    "npm",
    ["run", "-s", "admin:grant", "--", email],
    {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    },
  );
  expect(stdout).toContain("now is an admin");
}

/** The page at a phone's and a desktop's width, in light and in dark. */
const wrong = (code: string) =>
  String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** Ten wrong codes on two sign-ins: the person's sign-in is paused. */
async function lockOut(page: Page, person: Person) {
  for (let round = 1; round <= 2; round++) {
    await submitPassword(page, person);
    const code = await readCode(page.request, person.phone, 1 + round);
    for (let i = 0; i < 5; i++) await enterCode(page, wrong(code));
  }
  // The code step also holds the recovery panel's own live region: the one that says something.
  await expect(
    page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ }),
  ).toContainText(/paused|Too many wrong/);
}

/** The console's pages in each language but English at a phone's and a desktop's width. */
async function inEveryLanguage(page: Page, paths: string[]) {
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    await page
      .context()
      .addCookies([
        { name: "twostep_locale", value: locale, url: E2E_SERVERS.passkey.url },
      ]);
    for (const path of paths)
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(path);
        const what = `${path} in ${locale} at ${width} px`;
        await expect(page.locator("html"), what).toHaveAttribute(
          "lang",
          locale,
        );
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        if (width === 390) await expectNoSidewaysScroll(page, what);
        await lookAt(
          page,
          `admin-${locale}-${width}${path.replaceAll("/", "-")}`,
        );
      }
  }
}

test("an operator with a passkey finds a locked-out person and unlocks them with a reason; the person sees it", async ({
  page,
  browser,
}) => {
  // Two sign-ups, ten wrong codes, a passkey step-up, a sign-in and the console in four more
  // languages: longer than one journey.
  test.setTimeout(300_000);
  // The person, locked out by wrong codes in a browser of their own.
  const person = newPerson();
  const theirs = await browser.newContext({ baseURL: E2E_SERVERS.passkey.url });
  const personPage = await theirs.newPage();
  await signUp(personPage, person);
  await signOut(personPage);
  await lockOut(personPage, person);

  // The operator: an account with a passkey, made an admin from the command line.
  const authenticator = await addVirtualAuthenticator(page);
  const operator = newPerson();
  await signUp(page, operator);
  // Only an account whose address is proven can be made an admin.
  await confirmAddress(page, operator.email);
  await page.getByLabel("Passkey name").fill("Operator laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("list", { name: "Passkeys" })).toContainText(
    "Operator laptop",
  );
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await grantAdmin(operator.email);
  await page.reload();

  // Signed in with a texted code: the console answers 403 and offers the passkey.
  await banner.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Confirm it is you with your passkey",
  );
  const refused = await page.request.get("/admin");
  expect(refused.status()).toBe(403);
  await lookAt(page, "admin-step-up");
  // The sign-in page's email field offers the passkey as it loads: untouched from before then until
  // the code page has replaced it, so the offer still pending there is never answered.
  await authenticator.withoutTouch(async () => {
    await page
      .getByRole("button", { name: "Sign in again with your passkey" })
      .click();
    await expect(page).toHaveURL(/\/login\?.*secondFactor=required/);
    await page.getByLabel("Email").fill(operator.email);
    await page.getByLabel("Password").fill(operator.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Use your passkey",
    );
  });
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // Find the person by the beginning of their address.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  await page
    .getByLabel("Email or phone")
    .fill(person.email.toLowerCase().slice(0, 16));
  await page.getByRole("button", { name: "Find" }).click();
  const found = page.getByRole("link", { name: person.email.toLowerCase() });
  await expect(found).toBeVisible();
  await lookAt(page, "admin-people");
  await found.click();

  // Their state: paused by wrong codes; no code, token or hash anywhere on the page.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    person.email.toLowerCase(),
  );
  const accountPath = new URL(page.url()).pathname;
  await expect(page.getByText(/paused by wrong answers until/)).toBeVisible();
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/\b\d{6}\b/);
  expect(text).not.toMatch(/[A-Za-z0-9_-]{40,}/);
  await lookAt(page, "admin-account");

  // "Unlock" asks for a reason first, then lifts the pause.
  const unlock = page.getByRole("button", { name: "Unlock" });
  await unlock.click();
  await expect(
    page.getByText("Type the reason for this action."),
  ).toBeVisible();
  await page
    .getByLabel("Reason")
    .fill("Ticket 4711: locked out, called from the phone on file");
  await unlock.click();
  const actions = page.getByRole("region", { name: "Actions" });
  await expect(actions.getByRole("alert")).toContainText("Unlocked");
  await expect(page.getByText("Not locked")).toBeVisible();
  await expect(unlock).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Audit" })).toContainText(
    "Ticket 4711",
  );
  await lookAt(page, "admin-account-unlocked");

  // The week's texts and calls: the sign-ups' codes to France are in the figures, and no phone
  // number is on the page, only countries.
  await page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "Messages" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Messages");
  const countries = page.getByRole("table", {
    name: /per destination country/,
  });
  await expect(countries.getByRole("rowheader", { name: "FR" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: /per day/ }).getByRole("row"),
  ).toHaveCount(8);
  expect(await page.locator("main").innerText()).not.toMatch(/\+?\d{9,}/);
  await lookAt(page, "admin-messages");

  // The person is told by text, signs in and sees what support did in their own activity.
  await expect
    .poll(async () => (await outbox(personPage.request, person.phone))[0]?.text)
    .toContain("support unlocked sign-in");
  const sent = (await outbox(personPage.request, person.phone)).length;
  await submitPassword(personPage, person);
  await enterCode(
    personPage,
    await readCode(personPage.request, person.phone, sent + 1),
  );
  await expect(personPage).toHaveURL(/\/account$/);
  await expectOnAccountPage(personPage, async () => {
    const activity = personPage.getByRole("region", {
      name: "Recent security activity",
    });
    await expect(activity).toContainText("Sign-in unlocked", { timeout: 1000 });
    await expect(activity).toContainText("By Twostep support");
  });
  await theirs.close();

  // The console in every other language, while the passkey is fresh: each page says its
  // language, passes axe in light and dark, and fits a phone's width (German's long words).
  await inEveryLanguage(page, ["/admin", accountPath, "/admin/messages"]);
});

test("a person who is not an admin gets a 403 from the console and no Admin link", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Admin" }),
  ).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "This page is not for you",
  );
  const api = await page.request.post("/api/admin/unlock", {
    data: { userId: "someone", reason: "Ticket 1: no reason at all" },
    headers: { origin: E2E_SERVERS.passkey.url },
  });
  expect(api.status()).toBe(403);
  const breaker = await page.request.post("/api/admin/breaker", {
    data: { scope: "cc:FR", action: "lift", reason: "Ticket 2: let me text" },
    headers: { origin: E2E_SERVERS.passkey.url },
  });
  expect(breaker.status()).toBe(403);
});
