import { expect, test, type Page } from "@playwright/test";
import {
  enterCode,
  newPerson,
  outbox,
  readCode,
  signUp,
  submitPassword,
} from "./support/journey";
import { expectNoAxeViolations } from "./support/axe";
import { screenshots } from "./support/screenshots";

// Which language a page is in, with no locale in its URL: the browser's Accept-Language first, the
// footer's picker after that; an English browser's pages stay exactly as they were.

/** Every width a page is polished at, and both colour schemes, checked by axe and saved. */
async function checkPage(page: Page, name: string) {
  for (const width of [390, 1280])
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 844 });
      await page.emulateMedia({ colorScheme });
      await expectNoAxeViolations(page, `${name} ${width} ${colorScheme}`);
    }
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshots(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: null });
}

const footer = (page: Page) => page.getByRole("contentinfo");

test.describe("a browser that asks for French", () => {
  test.use({ locale: "fr-FR" });

  test("gets French pages, and picking Deutsch in the footer switches them to German", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(footer(page).getByLabel("Langue")).toHaveValue("fr");
    await expect(
      page.getByRole("banner").getByRole("link", { name: "Se connecter" }),
    ).toBeVisible();
    await checkPage(page, "languages-home-fr");

    await footer(page).getByLabel("Langue").selectOption({ label: "Deutsch" });
    await footer(page)
      .getByRole("button", { name: "Changer de langue" })
      .click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveURL(/\/$/); // back on the same page, no locale in its URL
    await expect(footer(page).getByLabel("Sprache")).toHaveValue("de");
    await expect(
      footer(page).getByRole("button", { name: "Sprache ändern" }),
    ).toBeVisible();
    await expect(
      page.getByRole("banner").getByRole("link", { name: "Konto erstellen" }),
    ).toBeVisible();
    await checkPage(page, "languages-home-de");

    // The choice is this browser's now, on every page, whatever it asks for.
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(footer(page).getByLabel("Sprache")).toHaveValue("de");
  });

  test("keeps the page it was on when the language changes there", async ({
    page,
  }) => {
    await page.goto("/forgot-password");
    await footer(page).getByLabel("Langue").selectOption({ label: "Español" });
    await footer(page)
      .getByRole("button", { name: "Changer de langue" })
      .click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(footer(page).getByLabel("Idioma")).toHaveValue("es");
  });
});

test.describe("a browser that asks for Brazilian Portuguese", () => {
  test.use({ locale: "pt-BR" });

  test("gets Portuguese pages", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
    await expect(footer(page).getByLabel("Idioma")).toHaveValue("pt-BR");
    await checkPage(page, "languages-signup-pt-BR");
  });
});

test.describe("a browser that asks for English", () => {
  test.use({ locale: "en-US" });

  test("gets the pages in English, as they have always been", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const banner = page.getByRole("banner");
    await expect(banner.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(
      banner.getByRole("link", { name: "Create account" }),
    ).toBeVisible();
    await expect(footer(page).getByLabel("Language")).toHaveValue("en");
    await expect(
      footer(page).getByRole("button", { name: "Change language" }),
    ).toBeVisible();
    await checkPage(page, "languages-home-en");
  });
});

test.describe("a person signed in", () => {
  test.use({ locale: "en-US" });

  test("picks Français on the account page; the pages, and the next sign-in's text on another browser, are French", async ({
    page,
    browser,
  }) => {
    const person = newPerson();
    await signUp(page, person);
    const section = page.getByRole("region", { name: "Language" });
    await expect(section).toContainText("are in English.");
    await section.getByLabel("Language").selectOption({ label: "Français" });
    await section.getByRole("button", { name: "Change language" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    const langue = page.getByRole("region", { name: "Langue" });
    await expect(langue).toContainText("sont en français.");
    await expect(langue.getByLabel("Langue")).toHaveValue("fr");
    await checkPage(page, "languages-account-fr");
    // The header's button is French too now.
    await page
      .getByRole("banner")
      .getByRole("button", { name: "Se déconnecter", exact: true })
      .click();
    await expect(page).toHaveURL(/\/login/);

    // Another browser, asking for English: the saved choice wins from the code text on.
    const other = await browser.newContext({ locale: "en-US" });
    const elsewhere = await other.newPage();
    await submitPassword(elsewhere, person);
    const code = await readCode(elsewhere.request, person.phone, 2);
    const [text] = await outbox(elsewhere.request, person.phone);
    expect(text?.text).toMatch(/^Votre code Twostep est \d{6}\./);
    await enterCode(elsewhere, code);
    await expect(elsewhere).toHaveURL(/\/account$/);
    await expect(elsewhere.locator("html")).toHaveAttribute("lang", "fr");
    await other.close();
  });
});
