import "server-only";
import { cookies } from "next/headers";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { getEnv } from "@/lib/env";

// The challenge id lives only in this httpOnly cookie: it binds the second factor to the browser
// that passed the first one, and scripts on the page cannot read it. On https the __Host- prefix
// makes the browser refuse it unless Secure, host-only and for the whole path, so no subdomain can
// plant or overwrite it.

const secure = () => getEnv().appUrl.startsWith("https:");
export const challengeCookieName = () =>
  secure() ? "__Host-twostep_challenge" : "twostep_challenge";

/** `<random>.<account>`, both base64url: see challengeAccount. */
const ID = "[\\w-]{20,64}\\.[\\w-]{20,64}";
const ID_PATTERN = new RegExp(`^${ID}$`);

export async function setChallengeCookie(id: string) {
  (await cookies()).set(challengeCookieName(), id, {
    httpOnly: true,
    secure: secure(),
    sameSite: "lax",
    path: "/",
    maxAge: CHALLENGE_TTL_SECONDS,
  });
}

export async function readChallengeCookie(): Promise<string | null> {
  const value = (await cookies()).get(challengeCookieName())?.value;
  return value && ID_PATTERN.test(value) ? value : null;
}

export async function clearChallengeCookie() {
  (await cookies()).delete({
    name: challengeCookieName(),
    path: "/",
    secure: secure(),
  });
}

/** For next-auth's authorize(), which sees raw request headers rather than next/headers. */
export function challengeIdFromCookieHeader(
  header: string | undefined,
): string | null {
  const name = challengeCookieName(); // letters, digits, "_" and "-": nothing to escape
  const match = header?.match(new RegExp(`(?:^|;\\s*)${name}=(${ID})(?:;|$)`));
  return match?.[1] ?? null;
}
