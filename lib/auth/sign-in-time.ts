import "server-only";
import { requestCookies } from "@/lib/http/cookies";
import { decode, type JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import type { SessionFacts } from "@/lib/context";
import { provedSecondFactor, type SignInMethod } from "@/lib/factors/policy";
import { authCookies } from "./cookies";

// Claims of this browser's session JWT, read on the server only. Call after getSessionUser(),
// which checks that the session is still live.

async function sessionToken(): Promise<JWT | null> {
  const env = getEnv();
  const name = authCookies(env.appUrl).cookies.sessionToken.name;
  const raw = (await requestCookies()).get(name)?.value;
  if (!raw) return null;
  return decode({ token: raw, secret: env.authSecret }).catch(() => null);
}

/**
 * This browser's session as its signed cookie says: its id, how it signed in, and when it passed
 * its second factor. A sign-in that skipped the second factor (a remembered browser) or that does
 * not say how it signed in (a cookie from before the `amr` claim) never passed one.
 */
export async function readSessionFacts(): Promise<SessionFacts> {
  const token = await sessionToken();
  const method = token?.amr;
  const proved = provedSecondFactor(method);
  return {
    id: typeof token?.sid === "string" ? token.sid : null,
    // The claim keeps next-auth's OIDC name (auth_time) so cookies already issued stay valid.
    secondFactorAt:
      proved && typeof token?.authTime === "number"
        ? token.authTime * 1000
        : null,
    signedInWith:
      proved || method === "device" ? (method as SignInMethod) : null,
  };
}

/** This browser's server-side session id (the sid claim), or null. */
export async function currentSessionId(): Promise<string | null> {
  return (await readSessionFacts()).id;
}
