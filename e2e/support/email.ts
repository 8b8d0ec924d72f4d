import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { outbox } from "./journey";

// Email as the journeys read it: from the outbox contract, channel "email", `to` the address and
// `text` the plain-text body whose links are absolute.

/** Waits for email number `count` to reach the address and returns the link to `path` in it. */
export async function readEmailLink(
  request: APIRequestContext,
  email: string,
  path: string,
  count = 1,
): Promise<string> {
  const to = email.toLowerCase();
  let texts: string[] = [];
  await expect
    .poll(async () => {
      const entries = await outbox(request, to);
      texts = entries
        .filter((e) => (e.channel as string) === "email")
        .map((e) => e.text);
      return texts.length;
    })
    .toBeGreaterThanOrEqual(count);
  const link = texts[0]!.match(
    new RegExp(`https?://[^\\s]+${path}#token=[\\w-]{43}`),
  )?.[0];
  expect(link, `no ${path} link in: ${texts[0]}`).toBeTruthy();
  return link!;
}

/** The newest email's subject and text. */
export async function latestEmail(request: APIRequestContext, email: string) {
  const entries = await outbox(request, email.toLowerCase());
  return entries.find((e) => (e.channel as string) === "email") as
    { subject?: string; text: string } | undefined;
}

/**
 * A notice email without its one "This wasn't me" link (to the app's own /lock-down, which grants
 * nothing), which must be there: what is left must carry no other link and no code.
 */
export function withoutLockDownLink(text: string): string {
  const link = /^https?:\/\/\S+\/lock-down#token=[\w-]{43}$/m;
  expect(text, "the notice has no lock-down link").toMatch(link);
  return text.replace(link, "");
}

/** The signed-in person confirms their address with the link the sign-up emailed them. */
export async function confirmAddress(page: Page, email: string) {
  await page.goto(await readEmailLink(page.request, email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
  await page.goto("/account");
}
