import type { Page, Route } from "@playwright/test";

const isScript = (url: URL) =>
  url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");

/**
 * Holds back the page's scripts, as a slow connection does, so the server's HTML is on screen
 * without them. Returns what lets them through.
 */
export async function holdScripts(page: Page): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const handler = async (route: Route) => {
    await held;
    await route.continue();
  };
  await page.route(isScript, handler);
  // Released, the route lets every later script straight through; a later hold routes anew.
  return async () => release();
}
