import { expect, test, type Page } from "@playwright/test";
import { confirmAddress, latestEmail } from "./support/email";
import {
  enterCode,
  expectOnAccountPage,
  newPerson,
  newPhone,
  outbox,
  readCode,
  signInByCode,
  signOut,
  signUp,
  submitPassword,
  type Person,
} from "./support/journey";
import { lookAt } from "./support/axe";

// "Lost your phone and codes?": from the code step, a link to the verified address, a new phone
// proven by its code, then the waiting period, told to the old phone and the address, and
// cancelled by the email's link or by the owner signing in. The wait's end (the new phone taking
// over) is proven in app/api/recovery/recovery.test.ts with a moved clock.

/** Signed up, with the address confirmed by its link, then signed out. */
async function personWithVerifiedEmail(page: Page): Promise<Person> {
  const person = newPerson();
  await signUp(page, person);
  await confirmAddress(page, person.email);
  await signOut(page);
  return person;
}

/** From the code step to the waiting period, on a new number; returns the number. */
async function startRecovery(page: Page, person: Person, shots = false) {
  await submitPassword(page, person);
  const lost = page.getByRole("button", { name: "Lost your phone and codes?" });
  await expect(lost).toBeEnabled();
  if (shots) await lookAt(page, "verify-lost");
  await lost.click();
  await expect(
    page.getByText("We emailed a link to your account's address."),
  ).toBeVisible();
  let link = "";
  await expect
    .poll(async () => {
      const text = (await latestEmail(page.request, person.email))?.text ?? "";
      link = text.match(/https?:\/\/\S+\/recover#token=[\w-]{43}/)?.[0] ?? "";
      return link;
    })
    .not.toBe("");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Recover your account",
  );
  if (shots) await lookAt(page, "recover-number");
  const number = newPhone();
  await page.getByLabel("New phone number").fill(number);
  await page.getByRole("button", { name: "Send code" }).click();
  const code = await readCode(page.request, number, 1);
  if (shots) await lookAt(page, "recover-code");
  await enterCode(page, code);
  await expect(page.getByText("Your recovery has started.")).toBeVisible();
  if (shots) await lookAt(page, "recover-waiting");
  return number;
}

test("a person who lost every factor starts a recovery; the old phone and the address are told; the email's link cancels it", async ({
  page,
}) => {
  const person = await personWithVerifiedEmail(page);
  await startRecovery(page, person, true);

  // Told at once, with when it completes and how to cancel.
  await expect
    .poll(async () => (await outbox(page.request, person.phone))[0]?.text)
    .toMatch(/recovery of your account that replaces this number on .* UTC/);
  let cancelLink = "";
  await expect
    .poll(async () => {
      const email = await latestEmail(page.request, person.email);
      cancelLink =
        email?.text.match(
          /https?:\/\/\S+\/recover\/cancel#token=[\w-]{43}/,
        )?.[0] ?? "";
      return email?.subject;
    })
    .toBe("A recovery of your Twostep account was started");

  await page.goto(cancelLink);
  await lookAt(page, "recover-cancel");
  await page.getByRole("button", { name: "Cancel the recovery" }).click();
  await expect(page.getByText("The recovery is cancelled.")).toBeVisible();
  // The link worked once (a new page load: the same address differing only in its fragment would not be one).
  await page.goto("/");
  await page.goto(cancelLink);
  await page.getByRole("button", { name: "Cancel the recovery" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "There is no recovery waiting on this account",
  );
});

test("the owner signing in with the phone they still have cancels a recovery someone else started", async ({
  page,
  browser,
}) => {
  const person = await personWithVerifiedEmail(page);
  // Someone with the password and the mailbox, in a browser of their own.
  const theirs = await browser.newContext();
  await startRecovery(await theirs.newPage(), person);
  await theirs.close();

  await signInByCode(page, person);
  await expectOnAccountPage(page, () =>
    expect(page.getByRole("cell", { name: /Recovery cancelled/ })).toBeVisible({
      timeout: 1000,
    }),
  );
  await expect(
    page.getByRole("cell", { name: /Recovery started/ }),
  ).toBeVisible();
});
