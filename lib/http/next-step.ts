import type { ChallengePurpose } from "@/lib/store/types";
import { safeRedirectPath } from "./safe-redirect";

/**
 * Where the browser goes once a second factor passed, and whether it first turns the challenge
 * into a session: a sign-in or sign-up goes where it was headed (a same-origin callbackUrl, else
 * the account page); a reset goes on to its new password, never a session; a phone change is
 * settled on the account page.
 */
export function nextAfterSecondFactor(
  purpose: ChallengePurpose,
  callbackUrl: string | undefined,
): { next: string; signIn: boolean } {
  if (purpose === "reset")
    return { next: "/reset-password/new", signIn: false };
  if (purpose === "phone-change") return { next: "/account", signIn: false };
  return { next: safeRedirectPath(callbackUrl), signIn: true };
}
