import { expect, test } from "@playwright/test";
import { E2E_SERVERS, SHORT_RESEND_COOLDOWN_SECONDS } from "./support/servers";
import {
  enterCode,
  newPerson,
  readCode,
  startSignup,
  skipWelcome,
} from "./support/journey";

// On the server with a short resend wait, so the countdown can be watched to the end.
test.use({ baseURL: E2E_SERVERS.short.url });

test("resend waits for a visible countdown, then a new code works and the old one does not", async ({
  page,
}) => {
  const person = newPerson();
  const oldCode = await startSignup(page, person);

  const resend = page.getByRole("button", { name: "Resend code" });
  await expect(resend).toBeDisabled();
  await expect(
    page.getByText(/You can resend the code in \d+ s/),
  ).toBeVisible();
  await expect(resend).toBeEnabled({
    timeout: (SHORT_RESEND_COOLDOWN_SECONDS + 3) * 1000,
  });
  await resend.click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "We sent a new code",
  );
  const newCode = await readCode(page.request, person.phone, 2);
  await expect(page.getByText("3 sends left")).toBeVisible();

  if (oldCode !== newCode) {
    await enterCode(page, oldCode);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "That code is not right. 4 attempts left.",
    );
  }
  await enterCode(page, newCode);
  await skipWelcome(page);
});
