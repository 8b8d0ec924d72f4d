"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

// English, for a caller outside React's tree of translations; components use useSignOut().
const UNREACHABLE =
  "We could not reach the server to sign you out. Check your connection and try again.";

/**
 * Signs this browser out, then goes to `callbackUrl`. When the server could not end the session
 * (it clears this browser's cookie but a copy could still work), nothing moves and the server's
 * message comes back for the page to show, so no one believes a sign-out that did not happen.
 * `unreachable` is what to say when the server could not be reached at all.
 */
export async function signOutHere(
  callbackUrl: string,
  unreachable: string = UNREACHABLE,
): Promise<string | null> {
  const reply = (await signOut({ callbackUrl, redirect: false }).catch(() => ({
    error: { message: unreachable },
  }))) as { url?: string; error?: { message?: string } } | undefined;
  if (reply?.error) return reply.error.message ?? unreachable;
  window.location.href = reply?.url ?? callbackUrl;
  return null;
}

/** signOutHere, saying in the page's language that the server could not be reached. */
export function useSignOut(): (callbackUrl: string) => Promise<string | null> {
  const t = useTranslations("Ui.signOut");
  const unreachable = t("unreachable");
  return (callbackUrl) => signOutHere(callbackUrl, unreachable);
}
