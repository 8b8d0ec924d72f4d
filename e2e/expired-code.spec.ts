import { expect, test } from "@playwright/test";
import { E2E_SERVERS, SHORT_CODE_TTL_SECONDS } from "./support/servers";
import {
  enterCode,
  newPerson,
  readCode,
  startSignup,
  skipWelcome,
} from "./support/journey";

// On the server whose codes live a few seconds, so expiry can be reached in a test.
test.use({ baseURL: E2E_SERVERS.short.url });

test("an expired code is refused with a clear message, and a fresh code then works", async ({
  page,
}) => {
  const person = newPerson();
  const code = await startSignup(page, person);

  await page.waitForTimeout((SHORT_CODE_TTL_SECONDS + 1) * 1000);
  await enterCode(page, code);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This code has expired. Request a new one.",
  );

  await page.getByRole("button", { name: "Resend code" }).click();
  await enterCode(page, await readCode(page.request, person.phone, 2));
  await skipWelcome(page);
});
