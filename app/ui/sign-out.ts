"use client";

import { signOut } from "next-auth/react";

const UNREACHABLE =
  "We could not reach the server to sign you out. Check your connection and try again.";

/**
 * Signs this browser out, then goes to `callbackUrl`. When the server could not end the session
 * (it clears this browser's cookie but a copy could still work), nothing moves and the server's
 * message comes back for the page to show, so no one believes a sign-out that did not happen.
 */
export async function signOutHere(callbackUrl: string): Promise<string | null> {
  const reply = (await signOut({ callbackUrl, redirect: false }).catch(() => ({
    error: { message: UNREACHABLE },
  }))) as { url?: string; error?: { message?: string } } | undefined;
  if (reply?.error) return reply.error.message ?? UNREACHABLE;
  window.location.href = reply?.url ?? callbackUrl;
  return null;
}
