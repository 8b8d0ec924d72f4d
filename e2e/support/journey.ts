import { randomInt } from "node:crypto";
import {
  expect,
  type APIRequestContext,
  type Browser,
  type Page,
} from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { E2E_OUTBOX_TOKEN } from "./servers";

// Steps shared by the journeys, done the way a person would: through the pages, with codes read
// from the outbox contract (GET /api/dev/outbox?to=<E.164>, newest first; a production build
// answers it only with `Authorization: Bearer <OUTBOX_TOKEN>`).

/** The code a person's authenticator app shows for `key` now, or `steps` 30-second steps away. */
/** An authenticator app's step (RFC 6238's default, which the app uses). */
const TOTP_STEP_MS = 30_000;
/** Time enough for a typed code to reach the server within its step on a busy machine. */
const STEP_END_MARGIN_MS = 5_000;

export function appCode(key: string, steps = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(key.replace(/\s/g, "")),
    timestamp: Date.now() + steps * TOTP_STEP_MS,
  });
}

/**
 * "Set up authenticator app" on the account page, turned on with the app's previous step (a phone
 * a little behind), so the current step is left for the sign-in that follows. Returns the key.
 */
export async function turnOnAuthenticatorApp(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const key = (await page.getByLabel("Setup key").textContent())!.trim();
  // The server takes the current step and the one before: a previous step's code typed in a step's
  // last seconds would be two steps old when it arrives. Wait for the next step, as a person would.
  const left = TOTP_STEP_MS - (Date.now() % TOTP_STEP_MS);
  if (left < STEP_END_MARGIN_MS) await page.waitForTimeout(left + 250);
  await page.getByLabel("Authenticator code").fill(appCode(key, -1));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText(/^On since/)).toBeVisible();
  return key;
}

/** "Generate recovery codes" on the account page: the ten codes as the list shows them. */
export async function generateRecoveryCodes(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Generate recovery codes" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  return list.getByRole("listitem").allTextContents();
}

/** The header a production server's outbox asks for. */
export const OUTBOX_AUTH = { authorization: `Bearer ${E2E_OUTBOX_TOKEN}` };

export interface Person {
  email: string;
  password: string;
  phone: string; // E.164
}

/** A random French mobile in +33 61…, a range libphonenumber holds valid throughout (10^7 numbers). */
export function newPhone(): string {
  return `+3361${String(randomInt(10_000_000)).padStart(7, "0")}`;
}

/** A fresh person each time, with a phone number no other journey is likely to hold. */
export function newPerson(): Person {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    email: `Person.${tag}@Example.com`,
    password: `pw-${tag}-long-enough`,
    phone: newPhone(),
  };
}

type OutboxEntry = {
  channel: "sms" | "voice";
  to: string;
  text: string;
  createdAt: string;
};

export async function outbox(
  request: APIRequestContext,
  phone: string,
): Promise<OutboxEntry[]> {
  const response = await request.get(
    `/api/dev/outbox?to=${encodeURIComponent(phone)}`,
    { headers: OUTBOX_AUTH },
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as OutboxEntry[];
}

/** Waits for the message number `count` to reach the phone and returns its code. */
export async function readCode(
  request: APIRequestContext,
  phone: string,
  count: number,
  channel: "sms" | "voice" = "sms",
): Promise<string> {
  let entries: OutboxEntry[] = [];
  await expect
    .poll(async () => (entries = await outbox(request, phone)).length)
    .toBeGreaterThanOrEqual(count);
  const newest = entries[0]!;
  expect(newest.channel).toBe(channel);
  const code =
    channel === "sms"
      ? newest.text.match(/#(\d{6})$/)?.[1]
      : // The call reads the digits one by one ("… 4. 7. 1. 0. 2. 9."), in any language.
        newest.text.match(/(?:\s\d\.){6}/)?.[0];
  expect(code, `no code in: ${newest.text}`).toBeTruthy();
  return code!.replace(/\D/g, "");
}

export async function enterCode(page: Page, code: string) {
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** The password step then the code texted to the phone, up to the account page. */
export async function signInByCode(page: Page, person: Person) {
  await submitPassword(page, person);
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(/\/account$/);
}

/** The signup form, up to the code step; returns the first code texted. */
export async function startSignup(page: Page, person: Person): Promise<string> {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Phone number").fill(person.phone);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/verify/);
  return readCode(page.request, person.phone, 1);
}

/** Sign-up ends with the offer of an authenticator app; skipping it leads to the account. */
export async function skipWelcome(page: Page) {
  await expect(page).toHaveURL(/\/welcome$/);
  // Signed in from here on: the header offers "Sign out" on this page as on every other.
  await expect(headerSignOut(page)).toBeVisible();
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

export async function signUp(page: Page, person: Person) {
  await enterCode(page, await startSignup(page, person));
  await skipWelcome(page);
}

/** The password step; leaves the page on the code step. */
export async function submitPassword(
  page: Page,
  person: Person,
  path = "/login",
) {
  await page.goto(path);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify/);
}

/** The second-factor step's box; its words are a public contract. */
export const REMEMBER = "Remember this device for 30 days";

/** The password step on a remembered browser: straight to the account, no second factor asked. */
export async function submitPasswordOnly(page: Page, person: Person) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** "Sign out" of this browser: in the header, on every page a signed-in person sees. */
export const headerSignOut = (page: Page) =>
  page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out", exact: true });

export async function signOut(page: Page) {
  await headerSignOut(page).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Someone who signed up earlier in a browser of their own, since closed. */
export async function registeredPerson(browser: Browser): Promise<Person> {
  const person = newPerson();
  const context = await browser.newContext();
  await signUp(await context.newPage(), person);
  await context.close();
  return person;
}

/**
 * Audit rows are written after the reply, so the account page may be rendered a moment before the
 * newest one lands: reload until `check` passes (or the expectation times out).
 */
export async function expectOnAccountPage(
  page: Page,
  check: () => Promise<void>,
): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 10_000 });
}
