import { expect, test } from "@playwright/test";
import {
  enterCode,
  newPerson,
  newPhone,
  outbox,
  readCode,
  signOut,
  signUp,
  submitPassword,
} from "./support/journey";
import { screenshots } from "./support/screenshots";

// "Change phone number" as a person meets it: a new number, the code sent to it, the new number on
// the account page, and the next sign-in's code going to the new number.

const masked = (e164: string) => `+33 ••• ${e164.slice(-4)}`;

test("a person changes the phone number on the account page; the next sign-in texts the new one", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  const onFile = page.getByRole("definition").filter({ hasText: "•••" });
  await expect(onFile).toHaveText(masked(person.phone));

  await page.getByRole("button", { name: "Change phone number" }).click();
  const next = newPhone();
  await page.getByLabel("New phone number").fill(next);
  await screenshots(page, "account-change-phone-number");
  // While the text is on its way the form asks how it fares, as the sign-in's code step does.
  const polled = page.waitForResponse((r) =>
    r.url().endsWith("/api/account/phone/status"),
  );
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(
    page.getByText(`We sent a code to ${masked(next)}.`),
  ).toBeVisible();
  await expect(page.getByText(/^Text message:/)).toBeVisible();
  expect((await polled).status()).toBe(200);
  await screenshots(page, "account-change-phone-code");
  await expect(onFile).toHaveText(masked(person.phone)); // nothing changes before the code

  await enterCode(page, await readCode(page.request, next, 1));
  await expect(page.getByText("Your phone number was changed.")).toBeVisible();
  await expect(onFile).toHaveText(masked(next));
  await screenshots(page, "account-change-phone-done");
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toContain("no longer the phone of your Twostep account");

  await signOut(page);
  const oldTexts = (await outbox(page.request, person.phone)).length;
  await submitPassword(page, person);
  await enterCode(page, await readCode(page.request, next, 2));
  await expect(page).toHaveURL(/\/account$/);
  await expect(onFile).toHaveText(masked(next));
  expect(await outbox(page.request, person.phone)).toHaveLength(oldTexts);
});
