import { test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { enterCode, readCode, registeredPerson, signOut, submitPassword } from "./support/journey";

for (const [name, width, height] of [["phone", 390, 844], ["desktop", 1280, 900]] as const)
  test(`shots ${name}`, async ({ browser }) => {
    const person = await registeredPerson(browser);
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const shot = (n: string) => page.screenshot({ path: `/tmp/h9-shots/${name}-${n}.png`, fullPage: true });
    await submitPassword(page, person);
    await enterCode(page, await readCode(page.request, person.phone, 2));
    await page.waitForURL(/account/);
    await shot("1-account-phone-only");
    await page.getByRole("button", { name: "Generate recovery codes" }).click();
    await page.getByRole("list", { name: "Recovery codes" }).waitFor();
    await page.getByRole("button", { name: "Set up authenticator app" }).click();
    await page.getByLabel("Setup key").waitFor();
    await shot("2-account-setup-and-codes");
    const key = (await page.getByLabel("Setup key").textContent())!.replace(/\s/g, "");
    await page.getByLabel("Authenticator code").fill(TOTP.generate({ secret: Secret.fromBase32(key) }));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText(/^On since/).waitFor();
    await shot("3-account-with-app");
    await signOut(page);
    await submitPassword(page, person);
    await page.getByLabel("Authenticator code").waitFor();
    await shot("4-verify-app");
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await shot("5-verify-recovery");
    await page.getByRole("button", { name: "Text me a code" }).click();
    await page.getByLabel("Verification code").waitFor();
    await shot("6-verify-phone-after-text");
    await context.close();
  });
