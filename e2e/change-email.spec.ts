import { expect, test } from "@playwright/test";
import {
  latestEmail,
  readEmailLink,
  withoutLockDownLink,
} from "./support/email";
import {
  expectOnAccountPage,
  newPerson,
  outbox,
  signUp,
} from "./support/journey";
import { screenshots } from "./support/screenshots";

// "Change email" as a person meets it: ask on the account page, open the link that reached the
// new address, and find the new address verified; the old address is told. And the owner's side
// of a change they did not ask for: told at once by email and text, and cancelled from the
// account page or from the emailed link, with no sign-in.

test("a person changes their email address with a link sent to the new one; the old one is told", async ({
  page,
}) => {
  const person = newPerson();
  const oldEmail = person.email.toLowerCase();
  const newEmail = `changed.${oldEmail}`;
  await signUp(page, person);

  await page.getByRole("button", { name: "Change email" }).click();
  await page.getByLabel("New email").fill(newEmail);
  await screenshots(page, "account-change-email-form");
  await page.getByRole("button", { name: "Send link" }).click();
  await expect(
    page.getByText(`We sent a link to ${newEmail}.`, { exact: false }),
  ).toBeVisible();
  // Until the link is used the account keeps its address, and says what is pending.
  await page.reload();
  await expect(page.getByText(/A change to .* is pending/)).toContainText(
    newEmail,
  );
  const signedInAs = page.getByRole("definition").first();
  await expect(signedInAs).toContainText(oldEmail);
  await screenshots(page, "account-change-email-pending");

  const link = await readEmailLink(
    page.request,
    newEmail,
    "/verify-email/change",
  );
  await page.goto(link);
  await screenshots(page, "confirm-email-change");
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(
    page.getByText("Your email address is changed and verified."),
  ).toBeVisible();

  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(signedInAs).toContainText(newEmail);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  await expect(page.getByText(/is pending/)).toHaveCount(0);
  // The home page names the new address too, without signing in again.
  await page.goto("/");
  await expect(page.getByText("Signed in as")).toContainText(newEmail);
  await page.goto("/account");
  await expectOnAccountPage(page, async () => {
    await expect(
      page.getByRole("cell", { name: /Email address changed/ }),
    ).toBeVisible();
  });

  await expect
    .poll(async () => (await latestEmail(page.request, oldEmail))?.subject)
    .toBe("The email address of your Twostep account was changed");
  const notice = await latestEmail(page.request, oldEmail);
  expect(withoutLockDownLink(notice!.text)).not.toMatch(/https?:\/\//);

  // The link worked once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "This link has expired or was already used.",
  );
});

test("a change the owner did not ask for is told at once, and cancelled on the account page or by the emailed link", async ({
  page,
  browser,
}) => {
  const person = newPerson();
  const current = person.email.toLowerCase();
  await signUp(page, person);
  await page.goto(await readEmailLink(page.request, current, "/verify-email"));
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
  await page.goto("/account");

  const ask = async (to: string) => {
    await page.getByRole("button", { name: "Change email" }).click();
    await page.getByLabel("New email").fill(to);
    await page.getByRole("button", { name: "Send link" }).click();
    await expect(
      page.getByText(`We sent a link to ${to}.`, { exact: false }),
    ).toBeVisible();
  };
  const first = `first.${current}`;
  await ask(first);
  // The current address and the phone hear of it before anything changes.
  await expect
    .poll(async () => (await latestEmail(page.request, current))?.subject)
    .toBe("Someone asked to change the email address of your Twostep account");
  await expect
    .poll(async () =>
      (await outbox(page.request, person.phone)).some((m) =>
        m.text.includes("asked to change your account's email address"),
      ),
    )
    .toBe(true);

  await page.reload();
  await expect(page.getByText(/A change to .* is pending/)).toContainText(
    first,
  );
  await screenshots(page, "account-email-change-cancel");
  await page.getByRole("button", { name: "Cancel email change" }).click();
  await expect(
    page.getByText("The email change is cancelled.", { exact: false }),
  ).toBeVisible();
  await expect(page.getByText(/is pending/)).toHaveCount(0);
  await page.goto(
    await readEmailLink(page.request, first, "/verify-email/change"),
  );
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "This link has expired or was already used.",
  );

  await page.goto("/account");
  const second = `second.${current}`;
  await ask(second);
  const cancel = await readEmailLink(
    page.request,
    current,
    "/verify-email/cancel",
    3,
  );
  // The cancel link needs no sign-in: a browser with no session opens it.
  const elsewhere = await browser.newPage();
  await elsewhere.goto(cancel);
  await screenshots(elsewhere, "cancel-email-change");
  await elsewhere.getByRole("button", { name: "Cancel email change" }).click();
  await expect(
    elsewhere.getByText("The email change is cancelled.", { exact: false }),
  ).toBeVisible();
  await elsewhere.goto(new URL("/account", cancel).href);
  await expect(elsewhere).toHaveURL(/\/login/);
  await elsewhere.close();

  await page.goto(
    await readEmailLink(page.request, second, "/verify-email/change"),
  );
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "This link has expired or was already used.",
  );
  await page.goto("/account");
  await expect(page.getByRole("definition").first()).toContainText(current);
});
