import type { Page } from "@playwright/test";

// Journeys that build pages save them at a phone's and a desktop's width, to be looked at, when
// E2E_SCREENSHOTS_DIR is set; otherwise nothing.

const SHOTS = process.env.E2E_SCREENSHOTS_DIR;

/** Saves the page at a phone's and a desktop's width when E2E_SCREENSHOTS_DIR is set. */
export async function screenshots(page: Page, name: string) {
  if (!SHOTS) return;
  const size = page.viewportSize();
  for (const [label, width, height] of [
    ["phone", 390, 844],
    ["desktop", 1280, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: `${SHOTS}/${name}-${label}.png`,
      fullPage: true,
    });
  }
  if (size) await page.setViewportSize(size);
}
