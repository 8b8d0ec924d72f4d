import path from "node:path";
import { expect, type Page } from "@playwright/test";

// Accessibility checks with axe-core (already installed with the lint setup's jsx-a11y plugin),
// injected into the page: every violation of the WCAG A and AA rules fails the journey.

const AXE_SOURCE = path.join(process.cwd(), "node_modules/axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** No axe violation on the page as it stands, in light and in dark. */
export async function expectNoAxeViolations(page: Page) {
  await page.addScriptTag({ path: AXE_SOURCE });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run({
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
    expect(violations, `axe (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
