"use client";

import { useEffect } from "react";

// next-auth's signIn() asks for its providers, then a CSRF token, then posts the credentials: three
// round trips in a row after a right code. The providers are known (one Credentials provider,
// "twostep"), and the CSRF token can be fetched while the person is still typing, so the session
// costs one round trip once the code is right. Its CSRF check stays exactly next-auth's own: the
// token posted must match the double-submit cookie its GET set.

const CSRF_PATH = "/api/auth/csrf";
const CALLBACK_PATH = "/api/auth/callback/twostep";

let pending: Promise<string | null> | undefined;

function fetchCsrfToken(): Promise<string | null> {
  return fetch(CSRF_PATH, { credentials: "same-origin" })
    .then((res) => (res.ok ? res.json() : null))
    .then((body: { csrfToken?: unknown } | null) =>
      typeof body?.csrfToken === "string" ? body.csrfToken : null,
    )
    .catch(() => null);
}

/** On a page that may end in a session: fetch next-auth's CSRF token once, ahead of need. */
export function usePrefetchedCsrfToken(): void {
  useEffect(() => {
    pending ??= fetchCsrfToken();
  }, []);
}

export type SessionResult = "signed-in" | "refused" | "unavailable";

/**
 * Turns the completed challenge (its httpOnly cookie) into a session through next-auth's
 * Credentials provider. A token that no longer matches its cookie (another tab fetched a new one)
 * is fetched again once.
 */
export async function establishSession(): Promise<SessionResult> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const csrfToken = await (pending ?? fetchCsrfToken());
    pending = undefined; // spent: a later sign-in in this page asks again
    if (!csrfToken) return "unavailable";
    const res = await fetch(CALLBACK_PATH, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    }).catch(() => null);
    if (!res) return "unavailable";
    const body = (await res.json().catch(() => null)) as {
      url?: unknown;
    } | null;
    const url =
      typeof body?.url === "string" ? new URL(body.url, location.href) : null;
    if (url?.searchParams.get("csrf") === "true") continue;
    const error = url?.searchParams.get("error");
    if (error === "SERVICE_UNAVAILABLE") return "unavailable";
    return res.ok && !error ? "signed-in" : "refused";
  }
  return "refused";
}
