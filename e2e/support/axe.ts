import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { screenshots } from "./screenshots";

// The page as axe-core (the engine of the browsers' accessibility checkers) judges it: WCAG 2.x
// A and AA rules, in the page as it stands, light or dark as the browser context asks.

// axe-core comes with the lint setup (eslint-config-next's jsx-a11y); its built file is loaded into the page.
const AXE = readFileSync(
  path.join(process.cwd(), "node_modules/axe-core/axe.min.js"),
  "utf8",
);

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** No axe violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page, what: string) {
  // Evaluated through the DevTools protocol, which the page's script policy does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: Violation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}

/**
 * The page in light and in dark: no axe violation in either, and (with E2E_SCREENSHOTS_DIR) its
 * screenshots at a phone's and a desktop's width, named `<name>-light-…` and `<name>-dark-…`.
 */
export async function lookAt(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `${name} (${scheme})`);
    await screenshots(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** No element wider than the screen: the page never scrolls sideways (a long word wraps). */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement!;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(
    clientWidth,
  );
}
