import { expect, test } from "@playwright/test";
import {
  enterCode,
  newPerson,
  outbox,
  readCode,
  skipWelcome,
  startSignup,
} from "./support/journey";
import { screenshots } from "./support/screenshots";

test("a new person signs up, proves their phone with the texted code and lands on their account", async ({
  page,
}) => {
  const person = newPerson();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Country").selectOption("FR");
  await page.getByLabel("Phone number").fill(`0${person.phone.slice(3)}`); // national format
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/verify/);
  await expect(
    page.getByText(`+33 ••• ${person.phone.slice(-4)}`),
  ).toBeVisible();
  const input = page.getByLabel("Verification code");
  await expect(input).toHaveAttribute("autocomplete", "one-time-code");
  await expect(input).toHaveAttribute("inputmode", "numeric");
  const [sms] = await outbox(page.request, person.phone);
  expect(sms!.text).toMatch(/\n@127\.0\.0\.1 #\d{6}$/); // WebOTP line

  await enterCode(page, await readCode(page.request, person.phone, 1));
  await skipWelcome(page);
  await expect(page.getByText(person.email.toLowerCase())).toBeVisible();
  await expect(
    page.getByText(`+33 ••• ${person.phone.slice(-4)}`),
  ).toBeVisible();
});

test("a signup with an invalid phone number is refused inline and sends nothing", async ({
  page,
}) => {
  const person = newPerson();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Phone number").fill("12");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Please check the highlighted fields.",
  );
  await expect(page.getByText("Enter a valid mobile number")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("a pasted code with spaces is accepted", async ({ page }) => {
  const person = newPerson();
  const code = await startSignup(page, person);
  await page
    .getByLabel("Verification code")
    .fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole("button", { name: "Verify" }).click();
  await skipWelcome(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-up page says it needs JavaScript for its security check, and its button stays off", async ({
    page,
  }) => {
    await page.goto("/signup");
    // Playwright's text locators skip <noscript>; its paragraph is found by its place instead.
    await expect(page.locator("main noscript p")).toContainText(
      "Creating an account needs JavaScript: before we text your phone, your browser does a quick security check.",
    );
    await expect(
      page.getByRole("button", { name: "Create account" }),
    ).toBeDisabled();
    await screenshots(page, "signup-without-javascript");
  });
});
