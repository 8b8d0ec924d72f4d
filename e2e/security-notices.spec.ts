import { expect, test, type APIRequestContext } from "@playwright/test";
import { readEmailLink, withoutLockDownLink } from "./support/email";
import {
  enterCode,
  newPerson,
  outbox,
  readCode,
  signOut,
  signUp,
  submitPassword,
} from "./support/journey";

// Security notices as a person meets them: once their address is confirmed, a sign-in from a
// browser the account has never been used on arrives by email, with no link but its "This wasn't
// me" lock-down link, and no code; signing
// in again from the browser they signed up in sends nothing.

const NEW_SIGN_IN = "New sign-in to your Twostep account";

async function newSignInEmails(request: APIRequestContext, email: string) {
  return (await outbox(request, email.toLowerCase())).filter(
    (e) =>
      (e.channel as string) === "email" &&
      (e as { subject?: string }).subject === NEW_SIGN_IN,
  );
}

test("a sign-in from a second browser emails a new sign-in notice; the first browser signing in again does not", async ({
  browser,
}) => {
  const person = newPerson();
  const home = await (await browser.newContext()).newPage();
  await signUp(home, person);
  const link = await readEmailLink(home.request, person.email, "/verify-email");
  await home.goto(link);
  await home.getByRole("button", { name: "Confirm email address" }).click();
  await expect(home.getByText("Your email address is verified.")).toBeVisible();

  // The same browser again: known since its sign-up.
  await home.goto("/account");
  await signOut(home);
  await submitPassword(home, person);
  await enterCode(home, await readCode(home.request, person.phone, 2));
  await expect(home).toHaveURL(/\/account$/);

  const away = await (await browser.newContext()).newPage();
  await submitPassword(away, person);
  await enterCode(away, await readCode(away.request, person.phone, 3));
  await expect(away).toHaveURL(/\/account$/);

  let notices: { text: string }[] = [];
  await expect
    .poll(
      async () =>
        (notices = await newSignInEmails(away.request, person.email)).length,
    )
    .toBe(1);
  expect(notices[0]!.text).toContain("Device: Chrome on Linux");
  expect(notices[0]!.text).toMatch(
    /Time: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2} UTC/,
  );
  expect(withoutLockDownLink(notices[0]!.text)).not.toMatch(
    /https?:\/\/|\b\d{6}\b/,
  );

  // That browser is known now too: its next sign-in sends nothing more.
  await signOut(away);
  await submitPassword(away, person);
  await enterCode(away, await readCode(away.request, person.phone, 4));
  await expect(away).toHaveURL(/\/account$/);
  await away.waitForTimeout(1000);
  expect(await newSignInEmails(away.request, person.email)).toHaveLength(1);
});
