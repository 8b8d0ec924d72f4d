import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { newPerson, readCode } from "./support/journey";
import { screenshots } from "./support/screenshots";

// The way in, in another language than English: sign-up, the code step, welcome, sign-out and
// sign-in, each page in the browser's language, its script working as in English.

/** No axe violation at a phone's and a desktop's width, and the page saved to be looked at. */
async function checkPage(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoAxeViolations(page, `${name} ${width}`);
    // Nothing wider than the screen: a long word wraps instead of pushing the page sideways.
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth <= window.innerWidth,
      ),
      `${name} at ${width} px scrolls sideways`,
    ).toBe(true);
  }
  await screenshots(page, name);
}

test.describe("a browser that asks for German", () => {
  test.use({ locale: "de-DE" });

  test("signs up, enters the texted code, skips the offer, signs out and in again, all in German", async ({
    page,
  }) => {
    const person = newPerson();
    await page.goto("/signup");
    await expect(page).toHaveTitle("Konto erstellen · Twostep");
    await expect(
      page.getByRole("heading", { name: "Erstellen Sie Ihr Konto" }),
    ).toBeVisible();
    const country = page.getByLabel("Land");
    await expect(country.locator("option[value=DE]")).toHaveText(
      "Deutschland (+49)",
    );
    await checkPage(page, "signin-signup-de");
    await page.getByLabel("E-Mail").fill(person.email);
    await page.getByLabel("Passwort").fill(person.password);
    await country.selectOption("FR");
    await page.getByLabel("Telefonnummer").fill(person.phone);
    await page.getByRole("button", { name: "Konto erstellen" }).click();

    await expect(page).toHaveURL(/\/verify/);
    await expect(page).toHaveTitle("Code eingeben · Twostep");
    await expect(
      page.getByText("Wir haben einen 6-stelligen Code an"),
    ).toBeVisible();
    await expect(page.getByText("Noch 5 Versuche")).toBeVisible();
    await checkPage(page, "signin-verify-de");
    await page
      .getByLabel("Bestätigungscode")
      .fill(await readCode(page.request, person.phone, 1));
    await page.getByRole("button", { name: "Bestätigen" }).click();

    await expect(page).toHaveURL(/\/welcome$/);
    await expect(
      page.getByRole("heading", { name: "Ihr Konto ist bereit" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Vorerst überspringen" }).click();
    await expect(page).toHaveURL(/\/account$/);

    await page
      .getByRole("banner")
      .getByRole("button", { name: "Abmelden" })
      .click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page).toHaveTitle("Anmelden · Twostep");
    await checkPage(page, "signin-login-de");
    await page.getByLabel("E-Mail").fill(person.email);
    await page.getByLabel("Passwort").fill(person.password);
    await page
      .getByRole("main")
      .getByRole("button", { name: "Anmelden", exact: true })
      .click();
    await expect(page).toHaveURL(/\/verify/);
    await page
      .getByLabel("Bestätigungscode")
      .fill(await readCode(page.request, person.phone, 2));
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });
});

test.describe("a browser that asks for French", () => {
  test.use({ locale: "fr-FR" });

  test("reads the sign-in, sign-up and missing pages in French", async ({
    page,
  }) => {
    await page.goto("/login");
    await expect(page).toHaveTitle("Se connecter · Twostep");
    await expect(
      page.getByRole("link", { name: /^Mot de passe oublié\s\?$/ }),
    ).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Se connecter avec une clé d'accès" }),
    ).toBeVisible();
    await checkPage(page, "signin-login-fr");

    await page.goto("/signup");
    await expect(
      page.getByLabel("Pays").locator("option[value=US]"),
    ).toHaveText("États-Unis (+1)");
    await checkPage(page, "signin-signup-fr");

    await page.goto("/verify");
    await expect(
      page.getByRole("heading", { name: "Saisissez votre code" }),
    ).toBeVisible();
    await expect(
      page.getByRole("main").getByRole("link", { name: "créer un compte" }),
    ).toBeVisible();

    const missing = await page.goto("/nulle-part");
    expect(missing?.status()).toBe(404);
    await expect(page).toHaveTitle("Page introuvable · Twostep");
    await expect(
      page.getByRole("link", { name: "Aller à la page d'accueil" }),
    ).toBeVisible();
  });
});
