import "server-only";
import { requestCookies } from "@/lib/http/cookies";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { challengeIdFor } from "@/lib/challenge/purposes";
import { getEnv } from "@/lib/env";

// The id of a "Change phone number" challenge, in an httpOnly cookie of its own: the sign-in's
// challenge cookie is what next-auth redeems into a session, and a phone change must never reach
// it (nor a sign-in reach this one), whatever a person copies between them: this reader gives only
// a phone change's id (lib/challenge/purposes.ts). Same rules: __Host- on https, invisible to scripts.

const secure = () => getEnv().appUrl.startsWith("https:");
const name = () =>
  secure() ? "__Host-twostep_phone_change" : "twostep_phone_change";

/** `<purpose>-<random>.<account>`, base64url, as lib/challenge/id.ts makes them. */
const ID_PATTERN = /^[\w-]{20,64}\.[\w-]{20,64}$/;

export async function setPhoneChangeCookie(id: string) {
  (await requestCookies()).set(name(), id, {
    httpOnly: true,
    secure: secure(),
    sameSite: "strict",
    path: "/",
    maxAge: CHALLENGE_TTL_SECONDS,
  });
}

export async function readPhoneChangeCookie(): Promise<string | null> {
  const value = (await requestCookies()).get(name())?.value;
  const id = value && ID_PATTERN.test(value) ? value : null;
  return challengeIdFor("phone-change", id);
}

export async function clearPhoneChangeCookie() {
  (await requestCookies()).delete({
    name: name(),
    path: "/",
    secure: secure(),
  });
}
