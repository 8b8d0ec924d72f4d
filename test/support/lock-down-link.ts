import { expect } from "vitest";

// A notice email carries one link: "This wasn't me", to the app's own /lock-down page, which signs
// no one in (lib/notices/notify.ts). Tests that a notice holds no way in look at the rest of it.

const LOCK_DOWN_LINK = /^https?:\/\/\S+\/lock-down#token=[\w-]{43}$/m;

/** The email's text without its lock-down link, which must be there. */
export function withoutLockDownLink(text: string): string {
  expect(text, "the notice has no lock-down link").toMatch(LOCK_DOWN_LINK);
  return text.replace(LOCK_DOWN_LINK, "");
}
