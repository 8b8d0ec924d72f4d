import { expect, test } from "@playwright/test";
import {
  enterCode,
  readCode,
  registeredPerson,
  submitPassword,
} from "./support/journey";

// Return addresses that the browser would resolve to another site if they were passed on as
// written: a dot segment before a double slash, and its encoded and backslash forms.
test.beforeEach(async ({ context }) => {
  // Were the browser sent off the site, this stand-in would answer instead of a DNS error.
  await context.route(
    (url) => url.hostname === "evil.example",
    (route) => route.fulfill({ contentType: "text/plain", body: "phished" }),
  );
});

test("a code page given /.//evil.example/phish to return to stays on this site after the code", async ({
  browser,
  page,
  baseURL,
}) => {
  const person = await registeredPerson(browser);
  await submitPassword(page, person);
  await page.goto("/verify?callbackUrl=/.//evil.example/phish");
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(`${baseURL}/account`);
});

test("a sign-in page given an encoded escape to return to stays on this site after the code", async ({
  browser,
  page,
  baseURL,
}) => {
  const person = await registeredPerson(browser);
  const escape = encodeURIComponent("/%2e/\\evil.example/phish");
  await submitPassword(page, person, `/login?callbackUrl=${escape}`);
  await expect(page).toHaveURL(/\/verify\?callbackUrl=%2Faccount$/);
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await expect(page).toHaveURL(`${baseURL}/account`);
});
