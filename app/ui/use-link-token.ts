"use client";

import { useSyncExternalStore } from "react";

// The token of a link we emailed travels in its fragment (#token=…): browsers never send that to a
// server or put it in a Referer, so it reaches no log. Only this page's script reads it.

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The link's token; "" when the address has none; null while rendering on the server. */
export function useLinkToken(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "",
    () => null,
  );
}
