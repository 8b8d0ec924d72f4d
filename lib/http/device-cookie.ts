import "server-only";
import { requestCookies } from "@/lib/http/cookies";
import { REMEMBER_DEVICE_SECONDS } from "@/lib/devices/policy";
import { getEnv } from "@/lib/env";

// A remembered device's token lives only in this httpOnly cookie (scripts on the page cannot read
// it); on https the __Host- prefix keeps subdomains from planting or overwriting it. It outlives
// no server record: both end after REMEMBER_DEVICE_SECONDS.

const secure = () => getEnv().appUrl.startsWith("https:");
export const deviceCookieName = () =>
  secure() ? "__Host-twostep_device" : "twostep_device";

const TOKEN_PATTERN = /^[\w-]{43}$/;

export async function setDeviceCookie(token: string) {
  (await requestCookies()).set(deviceCookieName(), token, {
    httpOnly: true,
    secure: secure(),
    sameSite: "lax",
    path: "/",
    maxAge: REMEMBER_DEVICE_SECONDS,
  });
}

export async function readDeviceCookie(): Promise<string | null> {
  const value = (await requestCookies()).get(deviceCookieName())?.value;
  return value && TOKEN_PATTERN.test(value) ? value : null;
}

export async function clearDeviceCookie() {
  (await requestCookies()).delete({
    name: deviceCookieName(),
    path: "/",
    secure: secure(),
  });
}
