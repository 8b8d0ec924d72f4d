import { expect, test } from "@playwright/test";
import {
  enterCode,
  newPerson,
  outbox,
  registeredPerson,
  startSignup,
  signOut,
  submitPassword,
  appCode,
  signInByCode,
  expectOnAccountPage,
  generateRecoveryCodes,
} from "./support/journey";

// The stronger factors, as a person uses them: codes computed from the key the page shows, as an
// authenticator app would; recovery codes read from the list they were shown in.

test("a person sets up an authenticator app, then signs in with it and no text is sent", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByCode(page, person);

  // While the phone is the only factor, the page says why an app is safer.
  await expect(page.getByRole("note")).toContainText("only second factor");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(
    page.getByRole("img", { name: "QR code for your authenticator app" }),
  ).toBeVisible();
  const key = (await page.getByLabel("Setup key").textContent())!.trim();
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
  // The app's previous step (a phone a little behind), so the current one is left for the sign-in.
  await page.getByLabel("Authenticator code").fill(appCode(key, -1));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText(/^On since/)).toBeVisible();
  await expect(page.getByRole("note")).toHaveCount(0);
  await signOut(page);

  const before = (await outbox(page.request, person.phone)).length;
  await submitPassword(page, person);
  // The app comes first; nothing is texted unless asked for.
  await expect(page.getByLabel("Authenticator code")).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Text me a code" }),
  ).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Call me instead" }),
  ).toBeVisible();
  // Setup spent the previous step's code; the current one signs in.
  await page.getByLabel("Authenticator code").fill(appCode(key));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  const after = await outbox(page.request, person.phone);
  expect(after).toHaveLength(before);
  // The sign-in's audit row is written after the reply: the page may be drawn a moment before it.
  await expectOnAccountPage(page, () =>
    expect(
      page.getByRole("cell", { name: /Password and authenticator app/ }),
    ).toBeVisible({ timeout: 1_000 }),
  );

  // Just signed in with a second factor: the app may be removed, and the phone leads again.
  await page.getByRole("button", { name: "Remove authenticator app" }).click();
  await expect(
    page.getByRole("button", { name: "Set up authenticator app" }),
  ).toBeVisible();
  expect((await outbox(page.request, person.phone))[0]!.text).toContain(
    "authenticator app was removed",
  );
  await context.close();
});

test("a person who lost their phone signs in with a recovery code, and the account shows one fewer left", async ({
  browser,
}) => {
  const person = await registeredPerson(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByCode(page, person);

  const codes = await generateRecoveryCodes(page);
  for (const code of codes)
    expect(code).toMatch(/^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$/);
  await expect(page.getByText("10 of 10 recovery codes left.")).toBeVisible();
  await signOut(page);

  await submitPassword(page, person);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("9 of 10 recovery codes left.")).toBeVisible();
  // The phone on file is told, without the code.
  const entries = await outbox(page.request, person.phone);
  expect(entries[0]!.text).toContain("recovery code was used");
  expect(entries[0]!.text).not.toContain(codes[0]!.slice(0, 9));
  await context.close();
});

test("sign-up ends with the offer of an authenticator app, which can be set up right there", async ({
  page,
}) => {
  const person = newPerson();
  await enterCode(page, await startSignup(page, person));
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole("note")).toContainText("only second factor");
  await expect(page.getByRole("link", { name: "Skip for now" })).toBeVisible();
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const key = (await page.getByLabel("Setup key").textContent())!;
  await page.getByLabel("Authenticator code").fill(appCode(key));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("link", { name: "Continue to your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(/^On since/)).toBeVisible();
});
