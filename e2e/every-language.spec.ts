import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { LOCALES, type Locale } from "../lib/i18n/locales";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { E2E_SERVERS } from "./support/servers";
import { newPerson, signUp } from "./support/journey";

// Every page a person can reach, in every language at a phone's and a desktop's width: the page
// says its language (<html lang>), axe finds nothing in light or dark, and on a phone no word,
// German's long ones included, pushes the page wider than the screen.

/** Every page reachable without signing in, including the pages emailed links open. */
const PUBLIC_PAGES = [
  "/",
  "/login",
  "/signup",
  "/verify",
  "/forgot-password",
  "/reset-password",
  "/reset-password/new",
  "/verify-email",
  "/verify-email/change",
  "/verify-email/cancel",
  "/verify-email/refuse",
  "/recover",
  "/recover/cancel",
  "/lock-down",
  "/lock-down/done",
  "/goodbye",
  "/no-such-page", // the not-found page
];

const WIDTHS = [390, 1280] as const;

// Each test has a browser of its own: two workers share them.
test.describe.configure({ mode: "parallel" });
const PHONE = 390;

/** The picker's cookie: every page after it is in `locale`, signed in or not. */
async function speak(context: BrowserContext, locale: Locale) {
  await context.addCookies([
    { name: "twostep_locale", value: locale, url: E2E_SERVERS.main.url },
  ]);
}

/** The page as it stands, in `locale` at `width`: its language, axe in both schemes, its width. */
async function checkPage(
  page: Page,
  locale: Locale,
  width: number,
  path: string,
) {
  const what = `${path} in ${locale} at ${width} px`;
  await expect(page.locator("html"), what).toHaveAttribute("lang", locale);
  // By role: a page still streaming holds its loading heading, hidden, beside the real one.
  await expect(page.getByRole("heading", { level: 1 }), what).toBeVisible();
  if (width === PHONE) await expectNoSidewaysScroll(page, what);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `${what} (${scheme})`);
    // Saved once per language, at both widths, when E2E_SCREENSHOTS_DIR is set.
    if (width === PHONE) {
      const name = path === "/" ? "home" : path.slice(1).replaceAll("/", "-");
      await screenshots(page, `every-language-${locale}-${name}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
}

for (const locale of LOCALES)
  for (const width of WIDTHS)
    test(`every public page in ${locale} at ${width} px says its language, passes axe and fits`, async ({
      page,
      context,
    }) => {
      // Seventeen pages, each checked in two colour schemes.
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height: 844 });
      await speak(context, locale);
      for (const path of PUBLIC_PAGES) {
        await page.goto(path);
        await checkPage(page, locale, width, path);
      }
    });

test("the account and welcome pages in every language say their language, pass axe and fit", async ({
  page,
  context,
}) => {
  // One person signed up once, the signed-in pages then seen in five languages at two widths.
  test.setTimeout(240_000);
  await signUp(page, newPerson());
  for (const locale of LOCALES) {
    await speak(context, locale);
    for (const path of ["/account", "/welcome"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 844 });
        await checkPage(page, locale, width, path);
      }
    }
  }
});
