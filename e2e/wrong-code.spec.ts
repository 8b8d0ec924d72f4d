import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import {
  enterCode,
  newPerson,
  startSignup,
  skipWelcome,
} from "./support/journey";

async function start(page: Page) {
  return { code: await startSignup(page, newPerson()) };
}

const wrong = (code: string) =>
  String((Number(code) + 1) % 1_000_000).padStart(6, "0");

test("a wrong code shows the attempts left, then the right code signs the person in", async ({
  page,
}) => {
  const { code } = await start(page);
  await expect(page.getByText("5 attempts left")).toBeVisible();
  await enterCode(page, wrong(code));
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That code is not right. 4 attempts left.",
  );
  await expect(
    page.getByText("4 attempts left", { exact: true }),
  ).toBeVisible();
  await enterCode(page, code);
  await skipWelcome(page);
});

test("after five wrong codes the step is dead, even for the right code", async ({
  page,
}) => {
  const { code } = await start(page);
  for (let i = 0; i < 5; i++) await enterCode(page, wrong(code));
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Too many wrong codes. Please start again to get a new code.",
  );
  await expect(page.getByRole("button", { name: "Verify" })).toBeDisabled();
  await expect(
    page.getByRole("button", { name: "Resend code" }),
  ).toBeDisabled();
  const response = await page.request.post("/api/otp/verify", {
    data: { code },
  });
  expect(response.status()).toBe(429);
  await expect(page.getByRole("link", { name: "Start again" })).toBeVisible();
});
