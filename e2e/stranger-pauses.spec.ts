import { expect, test } from "@playwright/test";
import { newPerson, outbox, readCode, signUp } from "./support/journey";
import { expectNoAxeViolations } from "./support/axe";
import { screenshots } from "./support/screenshots";

// Someone who knows a person's password keeps entering wrong codes: each pause stops them, the
// person hears of it once that day, and their account page, after a second pause, asks for a new
// password and leads to it; once it is changed, the request goes away.

const wrong = (code: string) =>
  String((Number(code) + 1) % 1_000_000).padStart(6, "0");

test("a stranger's wrong codes, paused twice, make the account page ask for a new password", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const person = newPerson();
  await signUp(page, person);

  // The stranger, in a browser of their own, with the person's password.
  const stranger = (await browser.newContext()).request;
  let texts = (await outbox(page.request, person.phone)).length;
  const strangerLogin = async () => {
    const step = await stranger.post("/api/login", {
      data: { email: person.email, password: person.password },
    });
    if (step.status() !== 200) return null;
    texts += 1;
    return wrong(await readCode(page.request, person.phone, texts));
  };
  const guess = async (code: string) => {
    const r = await stranger.post("/api/otp/verify", { data: { code } });
    return `${r.status()} ${(await r.json()).error?.code}`;
  };
  const replies: string[] = [];
  for (const n of [4, 4, 2]) {
    const code = await strangerLogin();
    expect(code).toBeTruthy();
    for (let i = 0; i < n; i++) replies.push(await guess(code!));
  }
  expect(replies.at(-1)).toBe("429 ACCOUNT_LOCKED");
  // Paused, the stranger gets no code at all.
  expect(await strangerLogin()).toBeNull();

  // The pause over (a minute), one more wrong code pauses them again.
  await page.waitForTimeout(61_000);
  const code = await strangerLogin();
  expect(await guess(code!)).toBe("429 ACCOUNT_LOCKED");
  // Told once, not per pause.
  const told = (await outbox(page.request, person.phone)).filter((m) =>
    m.text.includes("someone who knows your password entered wrong codes"),
  );
  expect(told).toHaveLength(1);

  await page.goto("/account");
  const advice = page.getByRole("region", {
    name: "Someone may know your password",
  });
  await expect(advice).toContainText("paused 2 times in the last 30 days");
  await expectNoAxeViolations(page, "account-password-advice");
  await screenshots(page, "account-password-advice");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshots(page, "account-password-advice-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await advice.getByRole("link", { name: "Change your password" }).click();
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel("New password").fill("a fresh passphrase for 2026");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(advice).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
});
