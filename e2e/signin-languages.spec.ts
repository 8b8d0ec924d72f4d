import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./support/axe";
import { newPerson, outbox, readCode } from "./support/journey";
import { screenshots } from "./support/screenshots";

// The way in, in another language than English: sign-up, the code by text and by call, sign-out and
// sign-in, each page in the browser's language, its script working as in English.

/** No axe violation at a phone's and a desktop's width, and the page saved to be looked at. */
async function checkPage(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoAxeViolations(page, `${name} ${width}`);
    await expectNoSidewaysScroll(page, `${name} at ${width} px`);
  }
  await screenshots(page, name);
}

/** The newest text or call to the phone, as the outbox holds it. */
async function latestMessage(page: Page, phone: string) {
  const [newest] = await outbox(page.request, phone);
  return newest!;
}

test.describe("a browser that asks for French", () => {
  test.use({ locale: "fr-FR" });

  test("signs up and in entirely in French, reading the code from a French text and a French call, then picks Deutsch and the next notice is German", async ({
    page,
  }) => {
    const person = newPerson();
    await page.goto("/signup");
    await expect(page).toHaveTitle("Créer un compte · Twostep");
    await checkPage(page, "signin-signup-fr");
    await page.getByLabel("Adresse e-mail").fill(person.email);
    await page.getByLabel("Mot de passe").fill(person.password);
    await page.getByLabel("Pays").selectOption("FR");
    await page.getByLabel("Numéro de téléphone").fill(person.phone);
    await page.getByRole("button", { name: "Créer un compte" }).click();

    await expect(page).toHaveURL(/\/verify/);
    await expect(page).toHaveTitle("Saisissez votre code · Twostep");
    const code = await readCode(page.request, person.phone, 1);
    expect((await latestMessage(page, person.phone)).text).toMatch(
      /^Votre code Twostep est \d{6}\. Il expire dans \d+ minutes\./,
    );
    await page.getByLabel("Code de vérification").fill(code);
    await page.getByRole("button", { name: "Vérifier" }).click();

    await expect(page).toHaveURL(/\/welcome$/);
    await expect(
      page.getByRole("heading", { name: "Votre compte est prêt" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Passer pour l'instant" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page
      .getByRole("banner")
      .getByRole("button", { name: "Se déconnecter" })
      .click();

    // Back in, this time with the code read out by a call.
    await expect(page).toHaveURL(/\/login/);
    await expect(page).toHaveTitle("Se connecter · Twostep");
    await page.getByLabel("Adresse e-mail").fill(person.email);
    await page.getByLabel("Mot de passe").fill(person.password);
    await page
      .getByRole("main")
      .getByRole("button", { name: "Se connecter", exact: true })
      .click();
    await expect(page).toHaveURL(/\/verify/);
    await page.getByRole("button", { name: "M'appeler" }).click();
    await expect(
      page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ }),
    ).toContainText("Nous appelons le");
    const spoken = await readCode(page.request, person.phone, 3, "voice");
    expect((await latestMessage(page, person.phone)).text).toMatch(
      /^Votre code Twostep est :(?: \d\.){6} Je répète :/,
    );
    await page.getByLabel("Code de vérification").fill(spoken);
    await page.getByRole("button", { name: "Vérifier" }).click();
    await expect(page).toHaveURL(/\/account$/);

    // Deutsch, chosen on the account page: saved with the account, so the next notice is German.
    const langue = page.getByRole("region", { name: "Langue" });
    await langue.getByLabel("Langue").selectOption({ label: "Deutsch" });
    await langue.getByRole("button", { name: "Changer de langue" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await page
      .getByRole("button", { name: "Wiederherstellungscodes erstellen" })
      .click();
    await expect(
      page
        .getByRole("list", { name: "Wiederherstellungscodes" })
        .getByRole("listitem"),
    ).toHaveCount(10);
    await expect
      .poll(async () => (await latestMessage(page, person.phone)).text)
      .toMatch(
        /^Twostep: für Ihr Konto wurden neue Wiederherstellungscodes erstellt; .*"Das war ich nicht"/,
      );
  });

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

test.describe("a browser that asks for Brazilian Portuguese", () => {
  test.use({ locale: "pt-BR" });

  test("signs up and in entirely in Portuguese, reading the codes from Portuguese texts", async ({
    page,
  }) => {
    const person = newPerson();
    await page.goto("/signup");
    await expect(page).toHaveTitle("Criar conta · Twostep");
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Senha").fill(person.password);
    await page.getByLabel("País").selectOption("FR");
    await page.getByLabel("Número de telefone").fill(person.phone);
    await page.getByRole("button", { name: "Criar conta" }).click();
    await expect(page).toHaveURL(/\/verify/);
    const code = await readCode(page.request, person.phone, 1);
    expect((await latestMessage(page, person.phone)).text).toMatch(
      /^Twostep: use \d{6} para continuar\. Expira em \d+ minutos\./,
    );
    await checkPage(page, "signin-verify-pt-BR");
    await page.getByLabel("Código de verificação").fill(code);
    await page.getByRole("button", { name: "Verificar" }).click();
    await expect(page).toHaveURL(/\/welcome$/);
    await page.getByRole("link", { name: "Pular por enquanto" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await page
      .getByRole("banner")
      .getByRole("button", { name: "Sair" })
      .click();

    await expect(page).toHaveURL(/\/login/);
    await checkPage(page, "signin-login-pt-BR");
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Senha").fill(person.password);
    await page
      .getByRole("main")
      .getByRole("button", { name: "Entrar", exact: true })
      .click();
    await expect(page).toHaveURL(/\/verify/);
    await page
      .getByLabel("Código de verificação")
      .fill(await readCode(page.request, person.phone, 2));
    await page.getByRole("button", { name: "Verificar" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
  });
});
