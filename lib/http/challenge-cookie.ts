import "server-only";
import { requestCookies } from "@/lib/http/cookies";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { challengeIdFor, type ChallengeStep } from "@/lib/challenge/purposes";
import { getEnv } from "@/lib/env";

// The challenge id lives only in this httpOnly cookie: it binds the second factor to the browser
// that passed the first one, and scripts on the page cannot read it. On https the __Host- prefix
// makes the browser refuse it unless Secure, host-only and for the whole path, so no subdomain can
// plant or overwrite it. Each reader names its step, and gets only a challenge that step takes
// (lib/challenge/purposes.ts): a phone change's id copied into this cookie reaches no step here.

const secure = () => getEnv().appUrl.startsWith("https:");
export const challengeCookieName = () =>
  secure() ? "__Host-twostep_challenge" : "twostep_challenge";

/** `<purpose>-<random>.<account>`, base64url: see newChallengeId. */
const ID = "[\\w-]{20,64}\\.[\\w-]{20,64}";
const ID_PATTERN = new RegExp(`^${ID}$`);

export async function setChallengeCookie(id: string) {
  (await requestCookies()).set(challengeCookieName(), id, {
    httpOnly: true,
    secure: secure(),
    sameSite: "lax",
    path: "/",
    maxAge: CHALLENGE_TTL_SECONDS,
  });
}

/** The id in this browser's challenge cookie, if `step` takes the challenge it names. */
export async function readChallengeCookie(
  step: Exclude<ChallengeStep, "phone-change">,
): Promise<string | null> {
  const value = (await requestCookies()).get(challengeCookieName())?.value;
  return challengeIdFor(step, value && ID_PATTERN.test(value) ? value : null);
}

export async function clearChallengeCookie() {
  (await requestCookies()).delete({
    name: challengeCookieName(),
    path: "/",
    secure: secure(),
  });
}

/** For next-auth's authorize(), which sees raw request headers rather than next/headers. */
export function challengeIdFromCookieHeader(
  header: string | undefined,
  step: ChallengeStep,
): string | null {
  const name = challengeCookieName(); // letters, digits, "_" and "-": nothing to escape
  const match = header?.match(new RegExp(`(?:^|;\\s*)${name}=(${ID})(?:;|$)`));
  return challengeIdFor(step, match?.[1] ?? null);
}
