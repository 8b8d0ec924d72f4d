import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { CHALLENGE_TTL_SECONDS } from "./policy";

// The challenge id lives only in this httpOnly cookie: it binds the second factor to the browser
// that passed the first one, and scripts on the page cannot read it.
export const CHALLENGE_COOKIE = "twostep_challenge";

export async function setChallengeCookie(id: string) {
  (await cookies()).set(CHALLENGE_COOKIE, id, {
    httpOnly: true,
    secure: getEnv().appUrl.startsWith("https:"),
    sameSite: "lax",
    path: "/",
    maxAge: CHALLENGE_TTL_SECONDS,
  });
}

export async function readChallengeCookie(): Promise<string | null> {
  const value = (await cookies()).get(CHALLENGE_COOKIE)?.value;
  return value && /^[\w-]{20,100}$/.test(value) ? value : null;
}

export async function clearChallengeCookie() {
  (await cookies()).delete(CHALLENGE_COOKIE);
}

/** For next-auth's authorize(), which sees raw request headers rather than next/headers. */
export function challengeIdFromCookieHeader(
  header: string | undefined,
): string | null {
  const match = header?.match(
    new RegExp(`(?:^|;\\s*)${CHALLENGE_COOKIE}=([\\w-]{20,100})(?:;|$)`),
  );
  return match?.[1] ?? null;
}
