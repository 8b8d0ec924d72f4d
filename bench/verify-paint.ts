import { chromium, type Page } from "@playwright/test";
import { BENCH } from "./config";
import { median } from "./rounds";
import type { BenchUser } from "./seed";

// What a person on a phone network waits for after a right code: from pressing "Verify" to the
// account page's first paint, in Chromium with every request delayed by an emulated 150 ms round
// trip (the DevTools protocol's Network.emulateNetworkConditions, the latency Chrome's own
// throttling adds to each request). The code page is loaded and the code typed without the delay,
// and next-auth's CSRF token is in hand before the press, as it is long before a person has typed.
//
// "Before" is the path this app took until a right code was followed by next-auth's client
// signIn(): it asked GET /api/auth/providers, then GET /api/auth/csrf, before the same callback
// and page — two sequential round trips more. That path no longer exists in the app; each run
// times those two requests one after the other in the same page under the same delay, and the
// "before" figure is the run's own press-to-paint plus those two.

export const PAINT_RTT_MS = 150;
const RUNS = 5;

export interface VerifyPaint {
  rttMs: number;
  runs: number;
  /** Medians over the runs. */
  afterMs: number;
  beforeMs: number;
  /** The two requests the old path added, one after the other. */
  removedTripsMs: number;
  /** The requests the press set off until the account page, in order. */
  trips: string[];
}

const json = (base: string, path: string) =>
  fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${BENCH.outboxToken}` },
  }).then((r) => r.json() as Promise<{ text: string }[]>);

async function codeFor(base: string, user: BenchUser, sent: number) {
  for (let tries = 0; tries < 200; tries++) {
    const entries = await json(
      base,
      `/api/dev/outbox?to=${encodeURIComponent(user.phone)}`,
    );
    const code = entries[0]?.text.match(/#(\d{6})\s*$/)?.[1];
    if (entries.length > sent && code) return code;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no code reached ${user.phone}`);
}

async function csrfInHand(page: Page) {
  await page.waitForFunction(() =>
    performance
      .getEntriesByType("resource")
      .some(
        (e) =>
          e.name.endsWith("/api/auth/csrf") &&
          (e as PerformanceResourceTiming).responseEnd > 0,
      ),
  );
}

async function onePress(base: string, page: Page, user: BenchUser) {
  const sent = (
    await json(base, `/api/dev/outbox?to=${encodeURIComponent(user.phone)}`)
  ).length;
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(BENCH.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/verify/);
  await page
    .getByLabel("Verification code")
    .fill(await codeFor(base, user, sent));
  await csrfInHand(page);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const delay = (latency: number) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  await delay(PAINT_RTT_MS);
  const trips: string[] = [];
  page.on("request", (r) => {
    if (["fetch", "xhr", "document"].includes(r.resourceType()))
      trips.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const pressedAt = Date.now();
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await page.waitForURL(/\/account$/);
  // A string, so the page runs it as written (tsx would wrap a named function in a helper the
  // page does not have).
  const paintedAt = await page.evaluate<number>(`new Promise((resolve) => {
    const seen = () => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      if (paint) resolve(performance.timeOrigin + paint.startTime);
      else requestAnimationFrame(seen);
    };
    seen();
  })`);
  // The two requests the old path sent before the callback, in order, under the same delay.
  const removedTripsMs = await page.evaluate(async () => {
    const start = performance.now();
    await (await fetch("/api/auth/providers")).json();
    await (await fetch("/api/auth/csrf")).json();
    return performance.now() - start;
  });
  await delay(0);
  await cdp.detach();
  return {
    afterMs: paintedAt - pressedAt,
    removedTripsMs,
    trips: trips.slice(0, trips.indexOf("GET /account") + 1),
  };
}

/** Press-to-paint at an emulated 150 ms round trip, over RUNS sign-ins of distinct accounts. */
export async function measureVerifyPaint(
  base: string,
  users: BenchUser[],
): Promise<VerifyPaint> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  });
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      runs.push(await onePress(base, page, users[i % users.length]!));
      await context.close();
    }
    const round = (n: number) => Math.round(n);
    const after = median(runs.map((r) => r.afterMs));
    const removed = median(runs.map((r) => r.removedTripsMs));
    return {
      rttMs: PAINT_RTT_MS,
      runs: runs.length,
      afterMs: round(after),
      removedTripsMs: round(removed),
      beforeMs: round(median(runs.map((r) => r.afterMs + r.removedTripsMs))),
      trips: runs[runs.length - 1]!.trips,
    };
  } finally {
    await browser.close();
  }
}

export function verifyPaintLines(p: VerifyPaint): string[] {
  return [
    `\nVerify → painted at ${p.rttMs} ms RTT (Chromium, emulated latency; median of ${p.runs} sign-ins): after ${p.afterMs} ms in ${p.trips.length} round trips (${p.trips.join(", ")}); before ${p.beforeMs} ms (the same press plus the two requests the old path sent first, GET /api/auth/providers then GET /api/auth/csrf, timed in the same page: ${p.removedTripsMs} ms)`,
  ];
}
